using EmanciPay.Application.Features.Pledges;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EmanciPay.IntegrationTests.Features.Jobs;

/// <summary>
/// Jobs go through the outbox. The app here runs no dispatcher (as if it had been killed between commit and enqueue);
/// the tests run the dispatcher's pass themselves.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class OutboxTests(OutboxWithoutDispatcherFixture fixture) : IntegrationTest(fixture)
{
    private OutboxDispatcher Dispatcher => App.Factory.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task A_job_committed_while_no_dispatcher_runs_is_kept_and_enqueued_exactly_once_when_one_does()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        await kit.PayAsync(await kit.PledgeAsync(1000, email: email));

        // The payment and its receipt job commit together; with no dispatcher, the job stays a row.
        await kit.WebhooksDeliveredAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var kept = await MessagesAsync();
        var jobsBefore = ReceiptJobs();
        var mailsBefore = App.Factory.Mail.Messages().Count;

        var dispatched = await Dispatcher.DispatchDueAsync(CancellationToken.None);
        var again = await Dispatcher.DispatchDueAsync(CancellationToken.None);
        await Accounts.MailToAsync(App.Factory, email, "Your receipt");
        await PledgeKit.WaitForAsync(() => Task.FromResult(SucceededReceiptJobs() == 1));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var message = Assert.Single(kept);
        Assert.Contains(typeof(SendReceipts.Command).FullName!, message.Type, StringComparison.Ordinal);
        Assert.Null(message.DispatchedAt);
        Assert.Equal((0, 0), (jobsBefore, mailsBefore));
        Assert.Equal((1, 0), (dispatched, again));
        Assert.Equal(1, ReceiptJobs());
        Assert.Single(App.Factory.Mail.Messages(), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        Assert.NotNull(Assert.Single(await MessagesAsync()).DispatchedAt);
    }

    [Fact]
    public async Task A_message_that_cannot_be_enqueued_is_set_aside_with_its_reason_and_does_not_hold_up_the_next()
    {
        var first = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var messages = new[] { OutboxMessage.For(new SendMissingMail.Command(), now.AddSeconds(-1)), OutboxMessage.For(new SendMissingMail.Command(), now) };
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();

            // The first names a type no node knows (say, written by a newer version of the app).
            await db.OutboxMessages.Where(m => m.Id == messages[0].Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Type, "EmanciPay.Gone+Command, EmanciPay.Application"));
            return messages[0].Id;
        });

        var claimed = await Dispatcher.DispatchDueAsync(CancellationToken.None);
        var retriedAtOnce = await Dispatcher.DispatchDueAsync(CancellationToken.None);
        var messages = await MessagesAsync();

        Assert.Equal((2, 0), (claimed, retriedAtOnce));
        var failed = Assert.Single(messages, m => m.Id == first);
        Assert.Null(failed.DispatchedAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("EmanciPay.Gone", failed.LastError, StringComparison.Ordinal);
        Assert.True(failed.DueAt > failed.CreatedAt.AddSeconds(1), "a failed message waits before its next attempt");
        Assert.NotNull(Assert.Single(messages, m => m.Id != first).DispatchedAt);
    }

    [Fact]
    public void The_sql_server_query_that_claims_outbox_messages_parses_and_skips_locked_rows()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=localhost;Database=unused;TrustServerCertificate=True");
        using var db = new AppDbContext(options.Options);
        // ToQueryString declares raw SQL's parameters without their '@'; the command EF sends has it.
        var sql = System.Text.RegularExpressions.Regex.Replace(
            OutboxDispatcher.DueLocked(db, DateTimeOffset.UtcNow, 100).ToQueryString(), @"^DECLARE (\w)", "DECLARE @$1", System.Text.RegularExpressions.RegexOptions.Multiline);

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")) + Environment.NewLine + sql);
        Assert.Contains("READPAST", sql, StringComparison.Ordinal);
    }

    private Task<List<OutboxMessage>> MessagesAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());

    private int ReceiptJobs()
    {
        var monitoring = App.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitoring.EnqueuedJobs("default", 0, 1000).Count(j => IsReceipt(j.Value.Job))
            + monitoring.FetchedJobs("default", 0, 1000).Count(j => IsReceipt(j.Value.Job))
            + monitoring.ProcessingJobs(0, 1000).Count(j => IsReceipt(j.Value.Job))
            + monitoring.ScheduledJobs(0, 1000).Count(j => IsReceipt(j.Value.Job))
            + monitoring.FailedJobs(0, 1000).Count(j => IsReceipt(j.Value.Job))
            + SucceededReceiptJobs();
    }

    private int SucceededReceiptJobs() =>
        App.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 1000).Count(j => IsReceipt(j.Value.Job));

    private static bool IsReceipt(Job? job) => job is { Method.IsGenericMethod: true } && job.Method.GetGenericArguments()[0] == typeof(SendReceipts.Command);
}

public sealed class OutboxWithoutDispatcherFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Outbox:Dispatch"] = "false" };

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_outbox_tests");
}

[CollectionDefinition(Name)]
public sealed class OutboxCollection : ICollectionFixture<OutboxWithoutDispatcherFixture>
{
    public const string Name = "Outbox without a dispatcher";
}
