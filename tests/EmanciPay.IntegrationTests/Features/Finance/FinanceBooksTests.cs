using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Finance;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Finance;

/// <summary>The finance books read from the ledger: trial balance, statements, the ledger browser, entries, monthly figures, exports.</summary>
public abstract class FinanceBooksTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task The_trial_balance_balances_and_puts_each_account_on_its_side()
    {
        await Kit.AddStationAsync();
        var recipient = await Kit.RecipientIdAsync();
        await Kit.PostPaymentAsync("pi_1", 1000, 59);
        await Kit.PostPaymentAsync("pi_2", 2000, 88);
        await Kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 500)], default));

        var today = await App.SendAsync(new GetTrialBalance.Query(Today()));
        var yesterday = await App.SendAsync(new GetTrialBalance.Query(Today().AddDays(-1)));

        var usd = Assert.Single(today.Currencies);
        Assert.True(usd.Balanced);
        Assert.Equal(("usd", 2353L, 2353L), (usd.Code, usd.TotalDebit, usd.TotalCredit));
        Assert.Equal(
            [("stripe:balance", 2353L, 0L), ("fees:processing", 0L, 0L), ("KEXP", 0L, 2353L)],
            usd.Lines.Select(l => (l.StationName ?? l.Account, l.Debit, l.Credit)));
        Assert.Equal("kexp-fm", usd.Lines[2].StationSlug);
        Assert.All(Assert.Single(yesterday.Currencies).Lines, l => Assert.Equal((0L, 0L), (l.Debit, l.Credit)));
    }

    [Fact]
    public async Task The_ledger_browser_pages_by_keyset_through_every_posting_once_and_filters()
    {
        await Kit.AddStationAsync();
        var escrowCode = LedgerAccount.EscrowCode(await Kit.RecipientIdAsync());
        for (var i = 1; i <= 7; i++)
        {
            await Kit.PostPaymentAsync($"pi_{i}", 1000 * i, 59);
        }

        var all = await WalkAsync(new BrowseLedger.Query(PageSize: 5));
        var escrow = await WalkAsync(new BrowseLedger.Query(Account: "kexp-fm", PageSize: 4));
        var stripe = await WalkAsync(new BrowseLedger.Query(Account: "stripe:balance", Currency: "usd", PageSize: 3));
        var third = await App.SendAsync(new BrowseLedger.Query(Cause: "payment", CauseId: "pi_3"));
        var large = await App.SendAsync(new BrowseLedger.Query(MinAmount: 3000, MaxAmount: 5000));
        var past = await App.SendAsync(new BrowseLedger.Query(To: Today().AddDays(-1)));

        Assert.Equal(21, all.Count);
        Assert.Equal(21, all.Select(l => (l.EntryId, l.Sequence)).Distinct().Count());
        Assert.Equal(all.OrderByDescending(l => l.PostedAt).Select(l => l.PostedAt), all.Select(l => l.PostedAt));
        Assert.Equal(14, escrow.Count);
        Assert.All(escrow, l => Assert.Contains(escrowCode, new[] { l.DebitAccount, l.CreditAccount }));
        Assert.Equal(14, stripe.Count);
        Assert.Equal(["pi_3"], third.Lines.Select(l => l.CauseId).Distinct());
        Assert.Equal(3, third.Lines.Count);
        Assert.Equal([5000L, 4000L, 3000L], large.Lines.Select(l => l.Amount));
        Assert.Empty(past.Lines);
        Assert.Null(past.NextCursor);
    }

    [Fact]
    public async Task Bad_filters_are_refused_naming_the_field()
    {
        var unknownAccount = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new BrowseLedger.Query(Account: "nobody")));
        var badCursor = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new BrowseLedger.Query(Cursor: "not-a-cursor")));
        var badCause = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new BrowseLedger.Query(Cause: "gift")));
        var backwards = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new GetEscrowStatement.Query("kexp-fm", Today(), Today().AddDays(-1))));

        Assert.Equal(["Account"], unknownAccount.Errors.Select(e => e.PropertyName));
        Assert.Equal(["Cursor"], badCursor.Errors.Select(e => e.PropertyName));
        Assert.Equal(["Cause"], badCause.Errors.Select(e => e.PropertyName));
        Assert.Equal(["To"], backwards.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public async Task An_entry_shows_its_postings_and_the_entry_that_reversed_it()
    {
        await Kit.AddStationAsync();
        var recipient = await Kit.RecipientIdAsync();
        await Kit.PostPaymentAsync("pi_1", 1000, 59);
        var payout = Guid.NewGuid();
        var reserve = await Kit.LedgerAsync(async ledger =>
        {
            var escrow = await ledger.EscrowAccountAsync(recipient, Currency.Usd, default);
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default);
            return await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, payout.ToString(), "reserve"), "reserve", [new TransferRequest.Reserve(payout, escrow.Id, stripe.Id, new Money(500, Currency.Usd))], default);
        });
        var @void = await Kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, payout.ToString(), "void"), "void", [new TransferRequest.VoidReserved(payout)], default));

        var reserved = await App.SendAsync(new GetLedgerEntry.Query(reserve.Entry.Id));
        var voided = await App.SendAsync(new GetLedgerEntry.Query(@void.Entry.Id));

        Assert.Equal(("payout", "pending", "KEXP", 500L), (reserved.Cause, reserved.Postings[0].Kind, reserved.Postings[0].DebitStation, reserved.Postings[0].Amount));
        Assert.Equal([(@void.Entry.Id, "reversed-by")], reserved.Related.Select(r => (r.Id, r.Relation)));
        Assert.Equal([(reserve.Entry.Id, "reverses")], voided.Related.Select(r => (r.Id, r.Relation)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetLedgerEntry.Query(Guid.NewGuid())));
    }

    [Fact]
    public async Task Monthly_figures_show_this_month_pledged_paid_out_and_held()
    {
        await Kit.AddStationAsync();
        var recipient = await Kit.RecipientIdAsync();
        await Kit.PostPaymentAsync("pi_1", 1000, 59);
        await Kit.PostPaymentAsync("pi_2", 2000, 88);
        await Kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 500)], default));

        var figures = Assert.Single((await App.SendAsync(new GetMonthlyFigures.Query(Today(), 3))).Currencies);

        Assert.Equal("usd", figures.Code);
        Assert.Equal(3, figures.Months.Count);
        Assert.Equal((3000L, 500L, 2353L), (figures.Months[2].Pledged, figures.Months[2].PaidOut, figures.Months[2].Held));
        Assert.Equal((0L, 0L, 0L), (figures.Months[1].Pledged, figures.Months[1].PaidOut, figures.Months[1].Held));
    }

    protected DateOnly Today() => DateOnly.FromDateTime(App.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private async Task<List<BrowseLedger.Line>> WalkAsync(BrowseLedger.Query query)
    {
        var lines = new List<BrowseLedger.Line>();
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await App.SendAsync(query with { Cursor = cursor });
            Assert.True(page.Lines.Count <= query.PageSize);
            lines.AddRange(page.Lines);
            if ((cursor = page.NextCursor) is null)
            {
                return lines;
            }
        }

        throw new InvalidOperationException("The pages never ended.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FinanceBooksOnSqliteTests(SqliteFixture fixture) : FinanceBooksTests(fixture);

/// <summary>On PostgreSQL, also through the pages and the API as a finance user with two factors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FinanceBooksOnPostgresTests(PostgresFixture fixture) : FinanceBooksTests(fixture)
{
    [Fact]
    public async Task Finance_reads_the_books_through_the_api_and_exports_rfc_4180_csv()
    {
        await Kit.AddStationAsync();
        await Kit.PostPaymentAsync("pi_1", 1000, 59);
        await Kit.PostPaymentAsync("pi_2", 2000, 88);
        using var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);

        var balance = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/finance/trial-balance?at={Today():yyyy-MM-dd}");
        var statement = await finance.GetFromJsonAsync<JsonElement>($"/api/v1/finance/statements/kexp-fm?from={Today():yyyy-MM-dd}");
        var ledger = await finance.GetAsync("/api/v1/finance/exports/ledger.csv");
        var csv = await ledger.Content.ReadAsStringAsync();
        var statementCsv = await finance.GetStringAsync("/api/v1/finance/exports/statements/kexp-fm.csv");
        var balanceCsv = await finance.GetStringAsync("/api/v1/finance/exports/trial-balance.csv");
        var badDay = await finance.GetAsync("/api/v1/finance/trial-balance?at=yesterday");
        var unknown = await finance.GetAsync("/api/v1/finance/statements/no-such-station");

        Assert.True(balance.GetProperty("currencies")[0].GetProperty("balanced").GetBoolean());
        Assert.Equal(2853, balance.GetProperty("currencies")[0].GetProperty("totalCredit").GetInt64());
        var usd = statement.GetProperty("balances")[0];
        Assert.Equal((0L, 2853L), (usd.GetProperty("opening").GetInt64(), usd.GetProperty("closing").GetInt64()));
        Assert.Equal([2853L, 2941L, 941L, 1000L], statement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("balanceAfter").GetInt64()));

        Assert.Equal("text/csv", ledger.Content.Headers.ContentType?.MediaType);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, rows.Length);
        Assert.StartsWith("PostedAt,EntryId,Sequence,Kind,Cause,CauseId,Description,DebitAccount,CreditAccount,Currency,Amount", rows[0], StringComparison.Ordinal);
        Assert.Contains(",payment,pi_1,payment,stripe:balance,escrow:", rows[1], StringComparison.Ordinal);
        Assert.Equal(5, statementCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("usd,stripe:balance,asset,,,2853,0", balanceCsv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("at", (await badDay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_finance_pages_show_the_books_and_the_home_links_every_finance_page()
    {
        await Kit.AddStationAsync();
        var entry = await Kit.PostPaymentAsync("pi_1", 1000, 59);
        using var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);

        var home = await finance.GetStringAsync("/finance");
        var trial = await finance.GetStringAsync("/finance/trial-balance");
        var statements = await finance.GetStringAsync("/finance/statements");
        var statement = await finance.GetStringAsync("/finance/statements/kexp-fm");
        var ledger = await finance.GetStringAsync("/finance/ledger?account=kexp-fm&cause=payment");
        var detail = await finance.GetStringAsync($"/finance/ledger/entries/{entry.Entry.Id}");
        var charts = await finance.GetStringAsync("/finance/charts");
        var svg = await finance.GetAsync("/finance/charts?handler=Svg&figure=Pledged&currency=usd");
        var badDate = await finance.GetStringAsync("/finance/ledger?from=31/01/2026");

        foreach (var page in new[] { "/finance/trial-balance", "/finance/statements", "/finance/ledger", "/finance/charts", "/finance/payouts", "/finance/payments", "/finance/reconciliation", "/finance/integrity", "/admin/audit" })
        {
            Assert.Contains($"href=\"{page}\"", home, StringComparison.Ordinal);
        }

        Assert.Contains("Debits and credits agree.", trial, StringComparison.Ordinal);
        Assert.Contains("href=\"/finance/statements/kexp-fm\"", statements, StringComparison.Ordinal);
        Assert.Contains("$9.41", statement, StringComparison.Ordinal);
        Assert.Contains($"/finance/ledger/entries/{entry.Entry.Id}", ledger, StringComparison.Ordinal);
        Assert.Contains("pi_1", detail, StringComparison.Ordinal);
        Assert.Contains("<table", charts, StringComparison.Ordinal);
        Assert.Contains("$10.00", charts, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Enter a date like 2026-01-31.", badDate, StringComparison.Ordinal);
    }
}
