using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Recipients;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Portal;

/// <summary>The portal's figures and statement, read by a station's manager through the API and the pages.</summary>
public abstract class StationPortalTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task The_portal_shows_escrow_after_payments_a_reserved_and_a_posted_payout_supporters_and_the_stripe_account()
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        await PayAsync(Pledge(1000, "ann@example.test"), "k1");
        await PayAsync(Pledge(2000, "bob@example.test"), "k2");
        await PayAsync(Pledge(500, "ANN@example.test"), "k3");
        var held = (await kit.EscrowAsync()).AvailableCredit;
        Assert.True(held > 3000);

        var before = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/portal");
        var recipient = await kit.RecipientIdAsync();
        var (reserved, paid) = (Guid.NewGuid(), Guid.NewGuid());
        await kit.LedgerAsync(async ledger =>
        {
            var escrow = await ledger.EscrowAccountAsync(recipient, Currency.Usd, default);
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default);
            await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_reserved", "reserve"), "payout", [new TransferRequest.Reserve(reserved, escrow.Id, stripe.Id, new Money(300, Currency.Usd))], default);
            return await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_paid", "reserve"), "payout", [new TransferRequest.Reserve(paid, escrow.Id, stripe.Id, new Money(400, Currency.Usd))], default);
        });
        await kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_paid", "post"), "payout", [new TransferRequest.PostReserved(paid)], default));
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var account = ConnectedAccount.Open(recipient, "acct_kexp", DateTimeOffset.UtcNow);
            account.Report(false, true, ["external_account", "tos_acceptance.date"], "requirements.past_due", DateTimeOffset.UtcNow);
            db.ConnectedAccounts.Add(account);
            return await db.SaveChangesAsync();
        });

        var portal = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/portal");
        var page = await manager.GetStringAsync("/manage/kexp-fm");

        var escrowBefore = Assert.Single(before.GetProperty("escrow").EnumerateArray());
        Assert.Equal((held, 0L, 0L), Figures(escrowBefore));
        Assert.False(before.GetProperty("connect").GetProperty("payoutsEnabled").GetBoolean());
        Assert.False(before.GetProperty("connect").GetProperty("connected").GetBoolean());
        var escrow = Assert.Single(portal.GetProperty("escrow").EnumerateArray());
        Assert.Equal("usd", escrow.GetProperty("currency").GetString());
        Assert.Equal((held - 700, 300L, 400L), Figures(escrow));
        Assert.Equal(2, portal.GetProperty("supporters").GetInt32());
        var connect = portal.GetProperty("connect");
        Assert.True(connect.GetProperty("connected").GetBoolean());
        Assert.False(connect.GetProperty("payoutsEnabled").GetBoolean());
        Assert.Equal(["external_account", "tos_acceptance.date"], connect.GetProperty("currentlyDue").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(MoneyFormat.Format(held - 700, "usd"), page, StringComparison.Ordinal);
        Assert.Contains("$3.00", page, StringComparison.Ordinal);
        Assert.Contains("$4.00", page, StringComparison.Ordinal);
        Assert.Contains("external_account", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/manage/kexp-fm/connect\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/manage/kexp-fm/payouts\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supporters_are_people_with_a_successful_payment_counted_once_however_often_they_gave()
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        await PayAsync(Pledge(1000, "ann@example.test"), "k1");
        await PayAsync(Pledge(2000, "bob@example.test"), "k2");
        await PayAsync(Pledge(500, "ann@example.test"), "k3");
        var unpaid = await kit.PostPledgeAsync(Pledge(700, "carol@example.test"), "k4");
        Assert.Equal(HttpStatusCode.Created, unpaid.StatusCode);

        var portal = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/portal");

        Assert.Equal(2, portal.GetProperty("supporters").GetInt32());
    }

    [Fact]
    public async Task The_statement_names_a_listener_and_shows_their_message_only_when_they_did_not_give_anonymously()
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        await PayAsync(Pledge(1000, "named@example.test", "Love the morning show"), "k1");
        await PayAsync(Pledge(2000, "secret@example.test", "Secret note", anonymous: true), "k2");
        var recipient = await kit.RecipientIdAsync();
        await kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 500)], default));

        var body = await manager.GetStringAsync("/api/v1/stations/kexp-fm/statement");
        var page = await manager.GetStringAsync("/manage/kexp-fm/statement");
        var lines = JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(5, lines.Count);
        Assert.Equal(["payout", "fee", "payment", "fee", "payment"], lines.Select(l => l.GetProperty("cause").GetString()));
        Assert.Equal(-500, lines[0].GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("supporter").ValueKind);
        var anonymous = lines.Where(l => l.GetProperty("cause").GetString() == "payment" && l.GetProperty("amount").GetInt64() == 2000).Select(l => l.GetProperty("supporter")).Single();
        Assert.True(anonymous.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("message").ValueKind);
        var named = lines.Where(l => l.GetProperty("cause").GetString() == "payment" && l.GetProperty("amount").GetInt64() == 1000).Select(l => l.GetProperty("supporter")).Single();
        Assert.False(named.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, named.GetProperty("name").ValueKind);
        Assert.Equal("named@example.test", named.GetProperty("email").GetString());
        Assert.Equal("Love the morning show", named.GetProperty("message").GetString());
        Assert.Equal(lines[1].GetProperty("balanceAfter").GetInt64() - 500, lines[0].GetProperty("balanceAfter").GetInt64());
        foreach (var text in new[] { body, page })
        {
            Assert.DoesNotContain("secret@example.test", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Secret note", text, StringComparison.Ordinal);
        }

        Assert.Contains("named@example.test", page, StringComparison.Ordinal);
        Assert.Contains("Love the morning show", page, StringComparison.Ordinal);
        Assert.Contains("Anonymous", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statement_pages_by_cursor_with_no_posting_skipped_or_repeated_even_as_new_ones_arrive()
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        for (var i = 0; i < 60; i++)
        {
            await kit.PostPaymentAsync($"pi_{i}", 1000 + i, 30);
        }

        var seen = new List<(string Entry, string Cause, long Amount, DateTimeOffset At)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/stations/kexp-fm/statement" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}");
            var page = await manager.GetFromJsonAsync<JsonElement>(url);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(l => (l.GetProperty("entryId").GetString()!, l.GetProperty("cause").GetString()!, l.GetProperty("amount").GetInt64(), l.GetProperty("postedAt").GetDateTimeOffset())));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0)
            {
                await kit.PostPaymentAsync("pi_late", 5000, 30);
            }
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Select(s => (s.Entry, s.Cause)).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 60).Select(i => 1000L + i).Order(), seen.Where(s => s.Cause == "payment").Select(s => s.Amount).Order());
        Assert.All(seen.Where(s => s.Cause == "fee"), s => Assert.Equal(-30, s.Amount));
        Assert.Equal(seen.Select(s => s.At).OrderDescending(), seen.Select(s => s.At));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var within = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/stations/kexp-fm/statement?from={today}&to={today}");
        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/stations/kexp-fm/statement?from={tomorrow}");
        var html = await manager.GetStringAsync("/manage/kexp-fm/statement");
        Assert.Equal(50, within.GetProperty("entries").GetArrayLength());
        Assert.Equal(0, after.GetProperty("entries").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("nextCursor").ValueKind);
        Assert.Contains("rel=\"next\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTIzLmFiYy40", "cursor")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    public async Task A_bad_cursor_or_date_is_400_naming_the_field(string query, string field)
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");

        var response = await manager.GetAsync($"/api/v1/stations/kexp-fm/statement?{query}");
        var page = await manager.GetStringAsync($"/manage/kexp-fm/statement?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(field == "cursor" ? "role=\"alert\"" : $"id=\"{field}-error\"", page, StringComparison.Ordinal);
    }

    private async Task PayAsync(object body, string key)
    {
        var response = await kit.PostPledgeAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(await kit.PayAsync(await response.Content.ReadFromJsonAsync<JsonElement>()));
        await kit.WebhooksDeliveredAsync();
    }

    private static object Pledge(long amount, string email, string? message = null, bool anonymous = false) =>
        new { station = "kexp-fm", amount, currency = "usd", frequency = "one_time", email, message, anonymous, coverFee = false };

    private static (long Available, long Reserved, long PaidOut) Figures(JsonElement escrow) =>
        (escrow.GetProperty("available").GetInt64(), escrow.GetProperty("reserved").GetInt64(), escrow.GetProperty("paidOut").GetInt64());
}

[Collection(PostgresCollection.Name)]
public sealed class StationPortalOnPostgresTests(PostgresFixture fixture) : StationPortalTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class StationPortalOnSqliteTests(SqliteFixture fixture) : StationPortalTests(fixture);
