using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>Receipts by email, monthly pledges on a saved card, cancelling by the receipt's link or from My giving.</summary>
public abstract partial class MonthlyPledgeTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_paid_one_time_pledge_is_receipted_by_email_once_with_the_exact_amounts_and_no_cancel_link()
    {
        await Kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        var pledge = await PledgeKit.PostAsync(Kit.Client, PledgeKit.Body(1000, email: email));

        await Kit.PayAsync(pledge);
        var receipt = await Accounts.MailToAsync(App.Factory, email, "Your receipt");

        Assert.Equal("Your receipt: $10.00 to KEXP", receipt.Subject);
        Assert.Contains("Card processing fee: $0.59", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("KEXP receives: $9.41", receipt.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel", receipt.TextBody, StringComparison.OrdinalIgnoreCase);
        await PledgeKit.WaitForAsync(async () => await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AnyAsync(p => p.ReceiptSentAt != null)));
        Assert.Single(App.Factory.Mail.Messages(), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_monthly_pledge_saves_the_card_and_its_receipt_link_cancels_it_without_signing_in()
    {
        await Kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        using var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(1000, frequency: "monthly", email: null));
        await Kit.PayAsync(pledge);
        var receipt = await Accounts.MailToAsync(App.Factory, email, "Your receipt");
        var id = pledge.GetProperty("id").GetGuid();
        var active = await Kit.PledgeRowAsync(id);
        var link = new Uri(CancelLink().Match(receipt.TextBody ?? "").Value);
        using var stranger = App.Factory.CreateClient();

        var confirmation = await stranger.GetStringAsync(link.PathAndQuery);
        var tampered = await stranger.GetAsync(link.PathAndQuery.Replace("token=", "token=x", StringComparison.Ordinal));
        var cancelled = await Accounts.PostFormAsync(stranger, link.PathAndQuery, new() { ["Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1]) });
        var afterwards = await stranger.GetStringAsync(link.PathAndQuery);

        Assert.Equal(PledgeStatus.Active, active.Status);
        Assert.NotNull(active.StripeCustomerId);
        Assert.NotNull(active.PaymentMethodId);
        Assert.Equal(active.PaidAt!.Value.AddMonths(1), active.NextChargeAt);
        Assert.Contains("Cancel your monthly pledge?", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains("Your monthly pledge is cancelled", await cancelled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your monthly pledge is cancelled", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\">", afterwards, StringComparison.Ordinal);
        var row = await Kit.PledgeRowAsync(id);
        Assert.Equal((PledgeStatus.Cancelled, (DateTimeOffset?)null), (row.Status, row.NextChargeAt));
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task My_giving_lists_every_pledge_and_payment_and_cancels_only_the_listeners_own_pledges()
    {
        await Kit.AddStationAsync();
        using var listener = await Accounts.SignedInClientAsync(App, "me@example.test", Roles.Listener);
        using var other = await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener);
        var monthly = await PledgeKit.PostAsync(listener, PledgeKit.Body(2500, frequency: "monthly", email: null), "k-monthly");
        await Kit.PayAsync(monthly);
        await PledgeKit.PostAsync(listener, PledgeKit.Body(1000, email: null), "k-once");
        await Kit.WebhooksDeliveredAsync();

        var page = await listener.GetStringAsync("/me/giving");
        var api = await listener.GetFromJsonAsync<JsonElement>("/api/v1/me/pledges");
        var anonymous = await App.Factory.CreateClient().GetAsync("/api/v1/me/pledges");
        var othersCancel = await Accounts.PostFormAsync(other, "/me/giving?handler=Cancel", new() { ["pledgeId"] = monthly.GetProperty("id").ToString() }, "/me/giving");
        var ownCancel = await Accounts.PostFormAsync(listener, "/me/giving?handler=Cancel", new() { ["pledgeId"] = monthly.GetProperty("id").ToString() }, "/me/giving");

        Assert.Contains("KEXP</a>: $25.00 a month", page, StringComparison.Ordinal);
        Assert.Contains("KEXP</a>: $10.00 once", page, StringComparison.Ordinal);
        Assert.Contains("id=\"total-given\">$25.00", page, StringComparison.Ordinal);
        Assert.Equal(2, api.GetArrayLength());
        Assert.Equal("pending", api[0].GetProperty("status").GetString());
        Assert.Equal(2500 - 103, api[1].GetProperty("payments")[0].GetProperty("net").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersCancel.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownCancel.StatusCode);
        Assert.Equal(PledgeStatus.Cancelled, (await Kit.PledgeRowAsync(monthly.GetProperty("id").GetGuid())).Status);
    }

    [Fact]
    public async Task A_signed_in_api_request_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        await Kit.AddStationAsync();
        using var listener = await Accounts.SignedInClientAsync(App, "csrf@example.test", Roles.Listener);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(PledgeKit.Body(1000, email: null)) };
        request.Headers.Add("Idempotency-Key", "forged");

        var forged = await listener.SendAsync(request);
        var guest = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "guest-key");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, guest.StatusCode);
        Assert.Equal(1, await Kit.CountAsync<Pledge>());
    }

    [GeneratedRegex(@"https?://\S+/cancel\?token=\S+")]
    private static partial Regex CancelLink();
}

[Collection(PostgresCollection.Name)]
public sealed class MonthlyPledgeOnPostgresTests(PostgresFixture fixture) : MonthlyPledgeTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class MonthlyPledgeOnSqliteTests(SqliteFixture fixture) : MonthlyPledgeTests(fixture);
