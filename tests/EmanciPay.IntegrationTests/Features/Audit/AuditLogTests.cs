using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Audit;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Features.Payments;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Audit;

/// <summary>
/// The audit log on PostgreSQL: an admin's action is recorded with who, what, when and the values it changed, in its
/// own transaction; what the system or a listener does is not; finance and admin read it filtered and export it as CSV.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private ClaimKit Claims { get; } = new(fixture);

    [Fact]
    public async Task An_admin_action_is_recorded_with_who_what_and_each_value_before_and_after()
    {
        var (admin, claim) = await AdminRejectsAClaimAsync();

        var record = Assert.Single(await RecordsAsync());

        Assert.Equal(("RejectClaim", admin, "admin@example.test", "Admin"), (record.Action, record.UserId, record.UserEmail, record.Roles));
        Assert.True(record.At > DateTimeOffset.UtcNow.AddMinutes(-1));
        var input = JsonDocument.Parse(record.Input).RootElement;
        Assert.Equal(claim, input.GetProperty("claimId").GetGuid());
        Assert.Equal("Not the station's address.", input.GetProperty("reason").GetString());
        var change = Assert.Single(JsonDocument.Parse(record.Changes).RootElement.EnumerateArray(), c => c.GetProperty("entity").GetString() == "StationClaim");
        Assert.Equal(("modified", claim.ToString()), (change.GetProperty("state").GetString(), change.GetProperty("key").GetString()));
        Assert.Equal("Pending", change.GetProperty("before").GetProperty("Status").GetString());
        Assert.Equal("Rejected", change.GetProperty("after").GetProperty("Status").GetString());
        Assert.Equal("Not the station's address.", change.GetProperty("after").GetProperty("DecisionReason").GetString());
        Assert.DoesNotContain("TokenHash", record.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_action_records_nothing_and_the_system_and_listeners_are_not_recorded()
    {
        var (_, claim) = await AdminRejectsAClaimAsync();
        var admin = await Claims.UserAsync("admin@example.test");
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => App.SendAsync(new RejectClaim.Command(claim, ""), TestSender.SignedIn(admin.Id, true, Roles.Admin)));
        await App.SendAsync(new SealLedgerEntries.Command());

        Assert.Single(await RecordsAsync());
    }

    [Fact]
    public async Task Finance_reads_the_log_filtered_and_exports_it_as_csv_and_a_listener_may_not()
    {
        await AdminRejectsAClaimAsync();
        var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);

        var all = await finance.GetStringAsync("/admin/audit");
        var byWho = await finance.GetStringAsync("/admin/audit?Filter.Who=ADMIN@example&Filter.Action=RejectClaim");
        var nobody = await finance.GetStringAsync("/admin/audit?Filter.Who=someone-else");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var later = await finance.GetStringAsync($"/admin/audit?Filter.Since={tomorrow}");
        var backwards = await finance.GetAsync($"/admin/audit?Filter.Since={tomorrow}&Filter.Until=2020-01-01");
        var badDay = await finance.GetAsync("/admin/audit?Filter.Since=yesterday");
        var csv = await finance.GetAsync("/admin/audit?handler=Csv&Filter.Action=RejectClaim");
        var listener = await (await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener)).GetAsync("/admin/audit");

        Assert.Contains("RejectClaim", all, StringComparison.Ordinal);
        Assert.Contains("admin@example.test", byWho, StringComparison.Ordinal);
        Assert.Contains("No action matches.", nobody, StringComparison.Ordinal);
        Assert.Contains("No action matches.", later, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        using var reader = new CsvReader(new StreamReader(await csv.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<ListAuditRecords.Item>().ToList();
        Assert.Equal("RejectClaim", Assert.Single(rows).Action);
        Assert.Contains("Rejected", rows[0].Changes, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, listener.StatusCode);
    }

    [Fact]
    public async Task The_log_pages_newest_first_without_gaps_or_repeats()
    {
        var (admin, _) = await AdminRejectsAClaimAsync();
        var sender = TestSender.SignedIn(admin, true, Roles.Admin);
        for (var i = 0; i < ListAuditRecords.PageSize + 5; i++)
        {
            await App.SendAsync(new ReprocessIgnoredStripeEvents.Command(), sender);
        }

        var first = await App.SendAsync(new ListAuditRecords.Query(), TestSender.Staff);
        var second = await App.SendAsync(new ListAuditRecords.Query(Cursor: first.NextCursor), TestSender.Staff);

        Assert.Equal(ListAuditRecords.PageSize, first.Items.Count);
        Assert.Equal(6, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal("RejectClaim", second.Items[^1].Action);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(all.Count, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), all.Select(r => r.Id));
    }

    private async Task<(string Admin, Guid Claim)> AdminRejectsAClaimAsync()
    {
        await Claims.AddStationAsync();
        var (_, claim) = await Claims.PendingClaimAsync("claimant@example.test", "gm@kexp.org");
        await Accounts.CreateAsync(App, "admin@example.test", Roles.Admin);
        var admin = (await Claims.UserAsync("admin@example.test")).Id;
        await App.SendAsync(new RejectClaim.Command(claim, "Not the station's address."), TestSender.SignedIn(admin, true, Roles.Admin));
        return (admin, claim);
    }

    private Task<List<Application.Behaviours.AuditRecord>> RecordsAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().AuditRecords.AsNoTracking().ToListAsync());
}
