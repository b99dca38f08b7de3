using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Features.Listening;
using EmanciPay.Application.Features.Record;
using EmanciPay.Application.Features.Refunds;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Features.Payouts;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmanciPay.IntegrationTests.Features.Record;

/// <summary>
/// Issue 12 item 4: the export holds everything of the listener's and nothing of anyone else's; the statement's totals
/// are the ledger's; after deletion nothing personal is left and the books are as they were.
/// </summary>
[Collection(ListenerRecordCollection.Name)]
public sealed class ListenerRecordTests(ListenerRecordFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    private sealed record Listener(string Email, string Id, HttpClient Client, List<Guid> Pledges, Guid Listening);

    /// <summary>What the export must hold of one listener beyond pledges and payments: their basket, their terms, their station's agreement.</summary>
    private sealed record Extras(Guid Basket, long BasketFee, string[] Terms, Guid Agreement);

    [Fact]
    public async Task The_export_holds_every_record_of_the_listener_and_nothing_of_another()
    {
        var (a, b) = await TwoListenersAsync();
        var aHas = await BasketTermsAndAgreementAsync(a, "kexp-fm", "anonymous", "none", noGifts: true);
        var bHas = await BasketTermsAndAgreementAsync(b, "wnyc-fm", "show-name", "email-or-post", noGifts: false);

        var json = await a.Client.GetStringAsync("/api/v1/me/export");
        var record = JsonDocument.Parse(json).RootElement;
        Assert.Equal(a.Email, record.GetProperty("email").GetString());
        Assert.Equal(a.Pledges.Order(), Ids(record, "pledges", "id").Order());
        Assert.Equal((await PaymentIdsAsync(a)).Order(), Ids(record, "payments", "id").Order());
        Assert.Equal([a.Listening], Ids(record, "listening", "id"));
        var refund = Assert.Single(record.GetProperty("refunds").EnumerateArray());
        Assert.Equal(300, refund.GetProperty("amount").GetInt64());
        Assert.Equal("refund", refund.GetProperty("kind").GetString());
        Assert.Contains(record.GetProperty("fallbackChoices").EnumerateArray(), f => f.GetProperty("choice").GetString() == "refund" && f.GetProperty("station").GetString() == "kexp-fm");
        Assert.Contains("A's own message", json, StringComparison.Ordinal);

        // The month's basket and its split: each of A's pledges a line at KEXP, the fee shared to the cent, net = amount - fee.
        var basket = Assert.Single(record.GetProperty("basketSplits").EnumerateArray());
        Assert.Equal(aHas.Basket, basket.GetProperty("id").GetGuid());
        Assert.Equal(("paid", aHas.BasketFee), (basket.GetProperty("status").GetString(), basket.GetProperty("fee").GetInt64()));
        var lines = basket.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(a.Pledges.Order(), lines.Select(l => l.GetProperty("pledgeId").GetGuid()).Order());
        Assert.All(lines, l => Assert.Equal("kexp-fm", l.GetProperty("station").GetString()));
        Assert.All(lines, l => Assert.Equal(l.GetProperty("amount").GetInt64() - l.GetProperty("fee").GetInt64(), l.GetProperty("net").GetInt64()));
        Assert.Equal(aHas.BasketFee, lines.Sum(l => l.GetProperty("fee").GetInt64()));
        Assert.Equal(basket.GetProperty("amount").GetInt64() - aHas.BasketFee, basket.GetProperty("net").GetInt64());

        // A's own terms by id and version, none of B's (each agreement names the whole roster, so only this section is A's choice); KEXP's signed agreement (it checks out), not WNYC's.
        var terms = record.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(aHas.Terms, terms.Select(t => $"{t.GetProperty("id").GetString()}@{t.GetProperty("version").GetInt32()}"));
        var agreement = Assert.Single(record.GetProperty("agreements").EnumerateArray());
        Assert.Equal((aHas.Agreement, "kexp-fm", true), (agreement.GetProperty("id").GetGuid(), agreement.GetProperty("station").GetString(), agreement.GetProperty("coversRoster").GetBoolean()));
        Assert.True((await App.SendAsync(new VerifyAgreement.Query(agreement.GetProperty("payload").GetString(), agreement.GetProperty("signature").GetString()))).Valid);
        Assert.DoesNotContain(bHas.Basket.ToString(), json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bHas.Agreement.ToString(), json, StringComparison.OrdinalIgnoreCase);

        foreach (var secret in await PersonalValuesAsync(b))
        {
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        }

        var zip = await a.Client.GetAsync("/api/v1/me/export.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(
            ["agreements.csv", "basket-splits.csv", "fallback-choices.csv", "listening.csv", "payments.csv", "pledges.csv", "refunds.csv", "terms.csv"],
            archive.Entries.Select(e => e.FullName).Order());
        var files = archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
        var csv = string.Join("\n", files.Values);
        Assert.All(a.Pledges, id => Assert.Contains(id.ToString(), csv, StringComparison.Ordinal));
        Assert.Contains(a.Listening.ToString(), csv, StringComparison.Ordinal);
        var splits = files["basket-splits.csv"].TrimEnd().Split("\r\n");
        Assert.StartsWith("BasketId,Period,Status,Currency,BasketAmount,BasketFee,PaidAt,PaymentIntentId,PledgeId,Station,Kind,Amount,Fee,Net", splits[0], StringComparison.Ordinal);
        Assert.Equal(a.Pledges.Count, splits.Length - 1);
        Assert.All(splits.Skip(1), row => Assert.StartsWith(aHas.Basket.ToString(), row, StringComparison.Ordinal));
        Assert.Equal(aHas.Terms.Length, files["terms.csv"].TrimEnd().Split("\r\n").Length - 1);
        Assert.All(aHas.Terms, t => Assert.Contains(t.Split('@')[0], files["terms.csv"], StringComparison.Ordinal));
        Assert.Contains(aHas.Agreement.ToString(), files["agreements.csv"], StringComparison.Ordinal);
        Assert.DoesNotContain(bHas.Basket.ToString(), csv, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bHas.Agreement.ToString(), csv, StringComparison.OrdinalIgnoreCase);
        Assert.All(bHas.Terms.Except(aHas.Terms), t => Assert.DoesNotContain(t.Split('@')[0], files["terms.csv"], StringComparison.Ordinal));

        foreach (var secret in await PersonalValuesAsync(b))
        {
            Assert.DoesNotContain(secret, csv, StringComparison.OrdinalIgnoreCase);
        }

        var theirs = await b.Client.GetStringAsync("/api/v1/me/export");
        var theirRecord = JsonDocument.Parse(theirs).RootElement;
        Assert.Equal(b.Pledges, Ids(theirRecord, "pledges", "id"));
        Assert.Equal([bHas.Basket], Ids(theirRecord, "basketSplits", "id"));
        Assert.Equal([bHas.Agreement], Ids(theirRecord, "agreements", "id"));
        Assert.Equal(bHas.Terms, theirRecord.GetProperty("terms").EnumerateArray().Select(t => $"{t.GetProperty("id").GetString()}@{t.GetProperty("version").GetInt32()}"));
        Assert.DoesNotContain(a.Email, theirs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(aHas.Basket.ToString(), theirs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(aHas.Agreement.ToString(), theirs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_statement_totals_are_the_ledgers_figures_and_leave_out_another_listeners_gifts()
    {
        var (a, _) = await TwoListenersAsync();
        var year = DateTimeOffset.UtcNow.Year;

        var statement = await App.SendAsync(new GetGivingStatement.Query(a.Id, year), TestSender.SignedIn(a.Id, false, Roles.Listener));

        var payments = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking()
            .Where(p => a.Pledges.Contains(p.PledgeId)).ToListAsync());
        Assert.Equal(payments.Select(p => p.Id).Order(), statement.Lines.Select(l => l.PaymentId).Order());
        var total = Assert.Single(statement.Totals);

        // Stripe's own figure for what was charged, and the ledger's for the fees posted with those payments.
        var charged = payments.Sum(p => App.Factory.Emulator.Retrieve(p.PaymentIntentId, "payment_intent", [])["amount"]!.GetValue<long>());
        Assert.Equal(charged, total.Amount);
        var feesPosted = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var fees = await db.LedgerAccounts.Where(x => x.Code == "fees:processing").Select(x => x.Id).ToListAsync();
            var entries = payments.Select(p => p.JournalEntryId).ToList();
            return await db.LedgerTransfers.Where(t => entries.Contains(t.EntryId) && fees.Contains(t.CreditAccountId)).SumAsync(t => t.Amount);
        });
        Assert.Equal(feesPosted, total.Fees);
        Assert.Equal(300, total.Refunded);
        Assert.Equal(total.Amount - total.Refunded, total.Given);

        // Only A gave to KEXP: its escrow holds what A gave, less the fees and the refund.
        var kexp = await kit.RecipientIdAsync("kexp-fm");
        var escrow = (await kit.BalancesAsync())[LedgerAccount.EscrowCode(kexp)];
        Assert.Equal(total.Amount - total.Fees - total.Refunded, escrow.CreditsPosted - escrow.DebitsPosted);

        var page = await a.Client.GetStringAsync($"/me/statements/{year}");
        Assert.Contains(EmanciPay.Domain.Monetary.MoneyFormat.Format(total.Given, "usd"), page, StringComparison.Ordinal);
        Assert.Contains("tax-deductible depends on the recipient", page, StringComparison.Ordinal);
        var pdf = await a.Client.GetAsync($"/me/statements/{year}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync($"/me/statements/{year + 1}")).StatusCode);
    }

    [Fact]
    public async Task After_deletion_nothing_personal_is_left_and_the_books_are_as_they_were()
    {
        var (a, b) = await TwoListenersAsync();
        var personal = await PersonalValuesAsync(a);
        var balances = await kit.BalancesAsync();
        var books = await BooksAsync();

        var wrong = await DeleteAsync(a.Client, "someone-else@example.test");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("confirmation", await wrong.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(await RowsHoldingAsync(a.Email));

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(a.Client, a.Email.ToUpperInvariant())).StatusCode);

        foreach (var value in personal)
        {
            Assert.Empty(await RowsHoldingAsync(value));
        }

        Assert.NotEmpty(await RowsHoldingAsync(b.Email));
        Assert.Equal(balances, await kit.BalancesAsync());
        Assert.Equal(books, await BooksAsync());
        Assert.True((await App.SendAsync(new CheckLedgerIntegrity.Query())).Balanced);
        var pledges = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Pledges.AsNoTracking().Where(p => a.Pledges.Contains(p.Id)).ToListAsync());
        Assert.All(pledges, p => Assert.Null(p.ListenerId));
        Assert.Single(pledges.Select(p => p.Email).Distinct(), email => email.StartsWith(DeleteMyAccount.PseudonymPrefix, StringComparison.Ordinal));
        Assert.Equal(PledgeStatus.Cancelled, pledges.Single(p => p.Frequency == PledgeFrequency.Monthly).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.Client.GetAsync("/api/v1/me/export")).StatusCode);
    }

    private async Task<(Listener A, Listener B)> TwoListenersAsync()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        var a = await ListenerAsync("record-a@example.test", "kexp-fm", "A's own message", monthly: true);
        var b = await ListenerAsync("record-b@example.test", "wnyc-fm", "B's private words", monthly: false);
        await kit.WebhooksDeliveredAsync();
        var refunded = (await PaymentIdsAsync(a))[0];
        await App.SendAsync(new IssueRefund.Command(refunded, 300, "Given twice by mistake", "record-refund"), TestSender.Staff);
        await kit.WebhooksDeliveredAsync();
        return (a, b);
    }

    private async Task<Listener> ListenerAsync(string email, string station, string message, bool monthly)
    {
        var client = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var id = (await App.WithScopeAsync(sp => sp.GetRequiredService<IUserAccounts>().UserIdByEmailAsync(email, CancellationToken.None)))!;
        List<Guid> pledges = [];
        foreach (var frequency in monthly ? new[] { "one_time", "monthly" } : ["one_time"])
        {
            var pledge = await PledgeKit.PostAsync(client, PledgeKit.Body(2000, station, frequency: frequency, email: null, message: message), $"{station}-{frequency}");
            Assert.NotNull(await kit.PayAsync(pledge));
            pledges.Add(pledge.GetProperty("id").GetGuid());
        }

        var session = await App.SendAsync(
            new RecordListening.Command(id, station, DateTimeOffset.UtcNow.AddHours(-3), 45), TestSender.SignedIn(id, false, Roles.Listener));
        return new Listener(email, id, client, pledges, session.Id);
    }

    /// <summary>
    /// The listener's month's basket of every pledge of theirs, paid with a fee to share; the terms they choose; and
    /// their station's agreement to honour listeners' terms, made by a manager of it.
    /// </summary>
    private async Task<Extras> BasketTermsAndAgreementAsync(Listener listener, string station, string display, string contact, bool noGifts)
    {
        var stationId = await kit.RecipientIdAsync(station);
        const long fee = 73;
        var basket = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var pledges = await db.Pledges.AsNoTracking().Where(p => listener.Pledges.Contains(p.Id)).ToListAsync();
            var opened = Basket.Open(listener.Id, new DateOnly(2026, 10, 1), Currency.Usd,
                pledges.Select(p => new BasketItem(p.Id, stationId, p.Frequency == PledgeFrequency.Monthly ? BasketLineKind.Monthly : BasketLineKind.OneTime, 1_000 + p.Amount)), DateTimeOffset.UtcNow);
            opened.RecordPaid($"pi_basket_{station}", fee, DateTimeOffset.UtcNow);
            db.Baskets.Add(opened);
            await db.SaveChangesAsync();
            return opened.Id;
        });

        var chosen = await App.SendAsync(new SetMyTerms.Command(display, contact, true, noGifts, false), TestSender.SignedIn(listener.Id, false, Roles.Listener));
        var manager = $"manager@{station}.example";
        await Accounts.CreateAsync(App, manager, Roles.StationManager);
        await Accounts.AssignManagerAsync(App, manager, station);
        await PayoutKit.AgreeToTermsAsync(App, manager, station);
        var agreement = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().TermsAgreements.AsNoTracking().Where(t => t.RecipientId == stationId).Select(t => t.Id).SingleAsync());
        return new Extras(basket, fee, [.. chosen.Terms.Select(t => $"{t.Id}@{t.Version}")], agreement);
    }

    private Task<List<Guid>> PaymentIdsAsync(Listener listener) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking()
            .Where(p => listener.Pledges.Contains(p.PledgeId)).OrderBy(p => p.PaidAt).Select(p => p.Id).ToListAsync());

    /// <summary>What identifies the listener or is theirs alone: the address, the message, the ids of their own rows.</summary>
    private async Task<List<string>> PersonalValuesAsync(Listener listener) =>
        [listener.Email, listener.Email.Split('@')[0], await MessageAsync(listener), listener.Id, listener.Listening.ToString()];

    private Task<string> MessageAsync(Listener listener) =>
        App.WithScopeAsync(async sp => (await sp.GetRequiredService<IAppDbContext>().Pledges.AsNoTracking().FirstAsync(p => p.Id == listener.Pledges[0])).Message!);

    private static List<Guid> Ids(JsonElement record, string section, string field) =>
        record.GetProperty(section).EnumerateArray().Select(r => r.GetProperty(field).GetGuid()).ToList();

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string confirmation)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { confirmation }) };
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    /// <summary>Every text column of every table of ours (not Hangfire's jobs) that holds <paramref name="value"/>, in any case.</summary>
    private async Task<List<string>> RowsHoldingAsync(string value)
    {
        await using var connection = (NpgsqlConnection)await App.OpenAsync();
        List<(string Table, string Column)> columns = [];
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        List<string> found = [];
        foreach (var (table, column) in columns)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text ILIKE '%' || @value || '%'", connection);
            count.Parameters.AddWithValue("value", value);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add($"{table}.{column}");
            }
        }

        return found;
    }

    /// <summary>The ledger as reconciliation and the integrity check read it: every entry, posting and seal.</summary>
    private Task<string> BooksAsync() => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var entries = await db.JournalEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => $"{e.Id} {e.CauseType} {e.CauseId} {e.IdempotencyKey} {e.Description} {e.PostedAt:O}").ToListAsync();
        var transfers = await db.LedgerTransfers.AsNoTracking().OrderBy(t => t.Id).Select(t => $"{t.Id} {t.EntryId} {t.DebitAccountId} {t.CreditAccountId} {t.Amount} {t.Kind}").ToListAsync();
        var seals = await db.LedgerSeals.AsNoTracking().CountAsync();
        return string.Join("\n", entries.Concat(transfers).Append(seals.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });
}

/// <summary>
/// PostgreSQL with a Stripe emulator of its own: these tests refund, and tests of the shared collection count every
/// refund and balance the emulator holds.
/// </summary>
public sealed class ListenerRecordFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_record");
}

[CollectionDefinition(Name)]
public sealed class ListenerRecordCollection : ICollectionFixture<ListenerRecordFixture>
{
    public const string Name = "Listener record on PostgreSQL";
}
