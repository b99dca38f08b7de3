using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Baskets;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>
/// The donor portal on PostgreSQL with the Stripe emulator: a paused pledge stays out of baskets until resumed, a
/// checkout left unpaid is resumed (its open session, or a new one for the same pledge), and My giving's change form.
/// </summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class DonorPortalTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_paused_monthly_pledge_is_not_in_the_next_basket_the_preview_shows_it_paused_and_resuming_puts_it_back()
    {
        await StationsAsync();
        var (email, monthlyId, _) = await MonthlyPledgeAsync(1000);
        var period = NextMonth();
        var me = await BearerAsync(email);

        var paused = await me.PostAsync($"/api/v1/pledges/{monthlyId}/pause", null);
        var pausedMail = await Accounts.MailToAsync(App.Factory, email, "is paused");
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(10));
        me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 100, monthlyCap = 2000, currency = "usd" });
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(12));
        me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/listening", new { station = "wnyc-fm", startedAt = BasketItems.Start(period).AddDays(11), minutes = 120 });
        var preview = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/basket");

        Assert.True(paused.IsSuccessStatusCode, await paused.Content.ReadAsStringAsync());
        Assert.True((await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
        Assert.Contains("nothing is charged", pausedMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(monthlyId, UpcomingPledges(preview));
        Assert.Equal(monthlyId, preview.GetProperty("paused")[0].GetProperty("pledgeId").GetGuid());
        Assert.Equal(1000, preview.GetProperty("paused")[0].GetProperty("amount").GetInt64());

        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync(period))?.Status == BasketStatus.Paid);
        var first = await Db(db => db.Baskets.AsNoTracking().Include(b => b.Lines).SingleAsync(b => b.Period == period));

        Assert.Equal([(BasketLineKind.PerUse, 200L)], first.Lines.Select(l => (l.Kind, l.Amount)));
        Assert.Equal(1, await Db(db => db.Payments.CountAsync(p => p.PledgeId == monthlyId)));

        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(2));
        me = await BearerAsync(email);
        var resumed = await me.PostAsync($"/api/v1/pledges/{monthlyId}/resume", null);
        var resumedMail = await Accounts.MailToAsync(App.Factory, email, "is resumed");
        var after = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/basket");

        Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());
        Assert.Contains("$10.00 a month", resumedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains(monthlyId, UpcomingPledges(after));
        Assert.Equal(0, after.GetProperty("paused").GetArrayLength());

        var following = period.AddMonths(1);
        fixture.Time.SetUtcNow(BasketItems.ChargedAt(following).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync(following))?.Status == BasketStatus.Paid);
        var second = await Db(db => db.Baskets.AsNoTracking().Include(b => b.Lines).SingleAsync(b => b.Period == following));

        // One month of the monthly pledge, never the month it was paused through.
        Assert.Equal([(monthlyId, BasketLineKind.Monthly, 1000L)], second.Lines.Select(l => (l.PledgeId, l.Kind, l.Amount)));
    }

    [Fact]
    public async Task Pausing_and_resuming_refuse_a_one_time_pledge_and_someone_elses_and_skipping_a_paused_month_is_refused()
    {
        await StationsAsync();
        var (email, monthlyId, _) = await MonthlyPledgeAsync(1000);
        var me = await BearerAsync(email);
        var oneTime = await PledgeKit.PostAsync(await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener), PledgeKit.Body(1000, email: null));
        var other = await BearerAsync("other@example.test");

        var notOneTime = await other.PostAsync($"/api/v1/pledges/{oneTime.GetProperty("id").GetGuid()}/pause", null);
        var notTheirs = await other.PostAsync($"/api/v1/pledges/{monthlyId}/pause", null);
        await me.PostAsync($"/api/v1/pledges/{monthlyId}/pause", null);
        var skip = await me.PutAsJsonAsync($"/api/v1/pledges/{monthlyId}", new { skipNextMonth = true });

        Assert.Equal(HttpStatusCode.BadRequest, notOneTime.StatusCode);
        Assert.Contains("pledgeId", await notOneTime.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("skipNextMonth", await skip.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var pledge = await kit.PledgeRowAsync(monthlyId);
        Assert.NotNull(pledge.PausedAt);
        Assert.Equal(0, pledge.BasketCycles);
    }

    [Fact]
    public async Task A_checkout_left_unpaid_is_resumed_at_its_open_session_then_after_it_expires_at_a_new_one_for_the_same_pledge()
    {
        await kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        var pledge = await PledgeKit.PostAsync(await Accounts.SignedInClientAsync(App, email, Roles.Listener), PledgeKit.Body(1000, frequency: "monthly", email: null));
        var id = pledge.GetProperty("id").GetGuid();
        var firstUrl = pledge.GetProperty("checkoutUrl").GetString()!;
        var me = await BearerAsync(email);

        var whileOpen = await ResumeAsync(me, id);
        var firstSession = (await kit.PledgeRowAsync(id)).CheckoutSessionId!;
        App.Factory.Emulator.ExpireCheckoutSession(firstSession);
        await kit.WebhooksDeliveredAsync();
        var expired = await kit.PledgeRowAsync(id);
        var listed = (await me.GetFromJsonAsync<JsonElement>("/api/v1/me/pledges")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        var reopened = await ResumeAsync(me, id);
        var again = await ResumeAsync(me, id);
        var row = await kit.PledgeRowAsync(id);

        Assert.Equal(firstUrl, whileOpen.GetProperty("checkoutUrl").GetString());
        Assert.Equal(PledgeStatus.Expired, expired.Status);
        Assert.True(listed.GetProperty("canResumeCheckout").GetBoolean());
        Assert.NotEqual(firstUrl, reopened.GetProperty("checkoutUrl").GetString());
        Assert.Equal(reopened.GetProperty("checkoutUrl").GetString(), again.GetProperty("checkoutUrl").GetString());
        Assert.Equal((PledgeStatus.Pending, 1), (row.Status, row.CheckoutAttempts));
        Assert.NotEqual(firstSession, row.CheckoutSessionId);
        Assert.Equal(id.ToString(), App.Factory.Emulator.FindCheckoutSession(row.CheckoutSessionId!)!["metadata"]!["pledge_id"]!.GetValue<string>());

        Assert.NotNull(await kit.PayAsync(reopened));
        await kit.WebhooksDeliveredAsync();
        var paid = await kit.PledgeRowAsync(id);
        var afterPaying = await me.PostAsync($"/api/v1/pledges/{id}/checkout", null);
        var stranger = await BearerAsync(await ListenerAsync("stranger@example.test"));
        var notTheirs = await stranger.PostAsync($"/api/v1/pledges/{id}/checkout", null);

        Assert.Equal((PledgeStatus.Active, 1), (paid.Status, paid.PaymentsCount));
        Assert.Equal(1, await kit.CountAsync<Domain.Payments.Payment>());
        Assert.Equal(HttpStatusCode.BadRequest, afterPaying.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }

    [Fact]
    public async Task A_resumed_checkout_is_not_swept_as_abandoned_until_a_day_after_it_was_reopened_and_a_removed_one_is_not_resumed()
    {
        await kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var kept = (await PledgeKit.PostAsync(listener, PledgeKit.Body(1000, email: null), "key-kept")).GetProperty("id").GetGuid();
        var removed = (await PledgeKit.PostAsync(listener, PledgeKit.Body(1200, email: null), "key-removed")).GetProperty("id").GetGuid();
        fixture.Time.Advance(TimeSpan.FromHours(30));
        await App.SendAsync(new Application.Features.Pledges.ExpireAbandonedCheckouts.Command());
        await PledgeKit.WaitForAsync(async () => (await kit.PledgeRowAsync(kept)).Status == PledgeStatus.Expired && (await kit.PledgeRowAsync(removed)).Status == PledgeStatus.Expired);

        var gone = await Accounts.PostFormAsync(listener, "/me/giving?handler=Remove", new() { ["pledgeId"] = removed.ToString() }, "/me/giving");
        await ResumeAsync(await BearerAsync(email), kept);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        await App.SendAsync(new Application.Features.Pledges.ExpireAbandonedCheckouts.Command());
        // Time for a job the sweep might have enqueued to expire the session (the first sweep's took well under this).
        await Task.Delay(TimeSpan.FromSeconds(3));
        await kit.WebhooksDeliveredAsync();
        var session = App.Factory.Emulator.FindCheckoutSession((await kit.PledgeRowAsync(kept)).CheckoutSessionId!)!;
        var me = await BearerAsync(email);
        var refused = await me.PostAsync($"/api/v1/pledges/{removed}/checkout", null);
        var mine = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/pledges");

        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Equal(PledgeStatus.Pending, (await kit.PledgeRowAsync(kept)).Status);
        Assert.Equal("open", session["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([kept], mine.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task My_givings_change_form_keeps_dollars_as_typed_with_the_error_on_its_field_then_changes_the_amount()
    {
        await StationsAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(1000, frequency: "monthly", email: null));
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();
        var monthlyId = pledge.GetProperty("id").GetGuid();

        var refused = await Accounts.PostFormAsync(listener, "/me/giving?handler=Change", new() { ["Change.PledgeId"] = monthlyId.ToString(), ["Change.Amount"] = "ten" }, "/me/giving");
        var page = await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        var field = page.GetElementById($"amount-{monthlyId}")!;
        var tooBig = await Accounts.PostFormAsync(listener, "/me/giving?handler=Change", new() { ["Change.PledgeId"] = monthlyId.ToString(), ["Change.Amount"] = "1,000,000" }, "/me/giving");
        var tooBigPage = await new HtmlParser().ParseDocumentAsync(await tooBig.Content.ReadAsStringAsync());
        var changed = await Accounts.PostFormAsync(listener, "/me/giving?handler=Change", new() { ["Change.PledgeId"] = monthlyId.ToString(), ["Change.Amount"] = "15" }, "/me/giving");
        var notice = await listener.GetStringAsync("/me/giving");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(("ten", "true", $"amount-{monthlyId}-error"), (field.GetAttribute("value"), field.GetAttribute("aria-invalid"), field.GetAttribute("aria-describedby")));
        Assert.Contains("like 5 or 0.10", page.GetElementById($"amount-{monthlyId}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"#amount-{monthlyId}", page.QuerySelector("#error-summary a")!.GetAttribute("href"));
        Assert.Equal("1,000,000", tooBigPage.GetElementById($"amount-{monthlyId}")!.GetAttribute("value"));
        Assert.Contains("Give between", tooBigPage.GetElementById($"amount-{monthlyId}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("is now $15.00 a month", notice, StringComparison.Ordinal);
        Assert.Equal(1500, (await kit.PledgeRowAsync(monthlyId)).Amount);
        Assert.Contains("$15.00 a month", (await Accounts.MailToAsync(App.Factory, email, "is changed")).TextBody, StringComparison.Ordinal);
    }

    private async Task StationsAsync()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        await Db(db => db.Recipients.Where(r => r.Slug != "kexp-fm").ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, DateTimeOffset.UtcNow)));
    }

    /// <summary>A signed-in listener's monthly pledge to KEXP, paid at checkout, which saves their card.</summary>
    private async Task<(string Email, Guid Pledge, DateTimeOffset PaidAt)> MonthlyPledgeAsync(long amount)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(amount, frequency: "monthly", email: null));
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();
        var row = await kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        return (email, row.Id, row.PaidAt!.Value);
    }

    private async Task<string> ListenerAsync(string email)
    {
        await Accounts.CreateAsync(App, email, Roles.Listener);
        return email;
    }

    private static async Task<JsonElement> ResumeAsync(HttpClient client, Guid pledgeId)
    {
        var response = await client.PostAsync($"/api/v1/pledges/{pledgeId}/checkout", null);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> UpcomingPledges(JsonElement basket) =>
        basket.GetProperty("upcoming").EnumerateArray().SelectMany(b => b.GetProperty("split").GetProperty("lines").EnumerateArray()).Select(l => l.GetProperty("pledgeId").GetGuid()).ToList();

    private DateOnly NextMonth()
    {
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        return new DateOnly(now.Year, now.Month, 1).AddMonths(1);
    }

    private Task<HttpClient> BearerAsync(string email) => Accounts.BearerClientAsync(App, email);

    private static async Task CreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<T> Db<T>(Func<IAppDbContext, Task<T>> read) => App.WithScopeAsync(sp => read(sp.GetRequiredService<IAppDbContext>()));

    private Task<Basket?> BasketOrNullAsync(DateOnly period) =>
        Db(db => db.Baskets.AsNoTracking().FirstOrDefaultAsync(b => b.Period == period));
}
