using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>Payments reach the books through signed webhooks, by way of the inbox: paid, declined, duplicated, reordered, forged, stale.</summary>
public abstract class ProcessStripeEventsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_paid_pledge_posts_the_gross_to_escrow_and_the_fee_as_its_own_postings()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        var row = await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        Assert.Equal(PledgeStatus.Paid, row.Status);
        var balances = await Kit.BalancesAsync();
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(new AccountBalance(1000, 59, 0, 0), balances["stripe:balance"]);
        Assert.Equal(new AccountBalance(59, 59, 0, 0), balances["fees:processing"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(1, await Kit.CountAsync<Payment>());
        Assert.Equal(4, await Kit.CountAsync<StripeEvent>());
        var station = await Kit.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/stations/kexp-fm");
        var escrow = Assert.Single(station.GetProperty("escrow").EnumerateArray());
        Assert.Equal(("usd", 941L, 0L), (escrow.GetProperty("currency").GetString(), escrow.GetProperty("available").GetInt64(), escrow.GetProperty("reserved").GetInt64()));
        Assert.False(station.GetProperty("claimed").GetBoolean());
        var unknown = await Kit.Client.GetAsync("/api/v1/stations/no-such-station");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("4000000000000002", "Your card was declined.")]
    [InlineData("4000000000009995", "Your card has insufficient funds.")]
    public async Task A_declined_payment_marks_the_pledge_failed_and_posts_nothing(string card, string reason)
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        var thanks = await Kit.PayAsync(pledge, card);
        await Kit.WebhooksDeliveredAsync();

        Assert.Null(thanks);
        var row = await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        Assert.Equal((PledgeStatus.Failed, reason), (row.Status, row.FailureReason));
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(0, await Kit.CountAsync<Payment>());
        Assert.Equal(default, await Kit.EscrowAsync());
    }

    [Fact]
    public async Task A_decline_then_another_card_pays_once()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge, "4000000000000002");
        await Kit.PayAsync(pledge, "4242424242424242");
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Duplicated_webhooks_are_answered_200_and_post_nothing_more()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Duplicate = true;
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        var attempts = App.Factory.Emulator.Webhooks.Attempts;
        Assert.Equal(8, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(200, a.Status));
        Assert.Equal(4, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Events_delivered_in_reverse_order_converge_on_the_same_books()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);

        App.Factory.Emulator.Webhooks.Release(reverse: true);
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal("checkout.session.completed", App.Factory.Emulator.Webhooks.Attempts[0].Type);
        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task The_thank_you_page_records_the_payment_before_any_webhook_and_the_webhooks_then_find_it_done()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await Kit.PledgeAsync(1000);
        var thanks = await Kit.PayAsync(pledge);

        var page = await Kit.Client.GetStringAsync(thanks!.PathAndQuery);
        var escrowBeforeWebhooks = await Kit.EscrowAsync();
        App.Factory.Emulator.Webhooks.Release();
        await Kit.WebhooksDeliveredAsync();

        Assert.Contains("Thank you!", page, StringComparison.Ordinal);
        Assert.Contains("id=\"receipt-net\">$9.41", page, StringComparison.Ordinal);
        Assert.Equal(941, escrowBeforeWebhooks.AvailableCredit);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Forged_missing_and_stale_signatures_are_400_and_record_nothing_while_a_good_one_posts()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var intentId = App.Factory.Emulator.FindCheckoutSession(CheckoutSessionId(pledge))!["payment_intent"]!.GetValue<string>();
        var payload = EventPayload("evt_test_forged", "payment_intent.succeeded", App.Factory.Emulator.Retrieve(intentId, "payment_intent", []));
        var secret = App.Factory.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret;

        var forged = await DeliverAsync(payload, WebhookDispatcher.Sign(payload, "whsec_attacker", DateTimeOffset.UtcNow));
        var unsigned = await DeliverAsync(payload, null);
        var stale = await DeliverAsync(payload, WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow.AddSeconds(-301)));
        var tampered = await DeliverAsync(payload.Replace("1000", "9000", StringComparison.Ordinal), WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow));
        Assert.Equal(0, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        var genuine = await DeliverAsync(payload, WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow));
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK],
            new[] { forged, unsigned, stale, tampered, genuine }.Select(r => r.StatusCode));
        Assert.Equal(1, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    private static string CheckoutSessionId(System.Text.Json.JsonElement pledge) =>
        new Uri(pledge.GetProperty("checkoutUrl").GetString()!).Segments[^1];

    private async Task<HttpResponseMessage> DeliverAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await Kit.Client.SendAsync(request);
    }

    private string EventPayload(string id, string type, JsonObject subject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = App.Factory.Emulator.Options.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["data"] = new JsonObject { ["object"] = subject },
    }.ToJsonString();
}

[Collection(PostgresCollection.Name)]
public sealed class ProcessStripeEventsOnPostgresTests(PostgresFixture fixture) : ProcessStripeEventsTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class ProcessStripeEventsOnSqliteTests(SqliteFixture fixture) : ProcessStripeEventsTests(fixture);
