using System.Net.Sockets;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using EmanciPay.Infrastructure.Mail;
using EmanciPay.IntegrationTests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>
/// Receipts go out one by one: a mail that fails never stops the others, a refused one is given up and listed for
/// staff, one that failed for now waits and is tried again once due, and nobody gets two.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SendReceiptsTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Unparsable = "<script>@x.org";
    private readonly PledgeKit kit = new(fixture);
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_mail_failing_part_way_stops_no_other_and_is_sent_once_when_due_again()
    {
        var ids = await UnsentReceiptsAsync("receipt0@example.test", "receipt1@example.test", "receipt2@example.test");
        var failing = new RecordingMailer(failOnMessage: 2);
        await SendAsync(failing, ids);
        var sentAfterFailure = await CountAsync(p => p.ReceiptSentAt != null);
        var working = new RecordingMailer(failOnMessage: null);
        await SendAsync(working, ids);
        var sentBeforeDue = working.Sent.Count;
        clock.Advance(TimeSpan.FromMinutes(2));
        await SendAsync(working, ids);
        await SendAsync(working, ids);

        Assert.Equal(2, failing.Sent.Count);
        Assert.Equal(2, sentAfterFailure);
        Assert.Equal(0, sentBeforeDue);
        Assert.Single(working.Sent);
        Assert.Equal(3, failing.Sent.Concat(working.Sent).Select(m => m.To).Distinct().Count());
        Assert.Equal(3, await CountAsync(p => p.ReceiptSentAt != null));
        Assert.Empty(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().MailDeliveries.ToListAsync()));
    }

    [Fact]
    public async Task A_bad_address_between_two_good_ones_during_an_outage_loses_and_blocks_nothing_and_is_listed_for_staff()
    {
        var ids = await UnsentReceiptsAsync("first@example.test", "poisoned@example.test", "third@example.test");
        await using (var connection = await App.OpenAsync())
        {
            await using var poison = connection.CreateCommand();
            poison.CommandText = $"""UPDATE "Pledges" SET "Email" = '{Unparsable}' WHERE "Email" = 'poisoned@example.test'""";
            Assert.Equal(1, await poison.ExecuteNonQueryAsync());
        }

        var mailer = new OutageMailer(App.Factory.Services.GetRequiredService<MailRenderer>()) { Down = true };
        await SendAsync(mailer, ids);
        for (var sweep = 0; sweep < 3; sweep++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await SendAsync(mailer, await SweepAsync());
        }

        var duringOutage = await DeliveriesAsync();
        Assert.Empty(mailer.Sent);
        Assert.Equal(0, await CountAsync(p => p.ReceiptSentAt != null));
        var refused = Assert.Single(duringOutage, d => d.FailedAt != null);
        Assert.Contains(Unparsable, refused.Reason, StringComparison.Ordinal);
        Assert.Equal(1, refused.Attempts);
        Assert.All(duringOutage.Where(d => d != refused), d => Assert.Equal(4, d.Attempts));
        Assert.Equal(2, duringOutage.Count(d => d.FailedAt == null && d.Reason.StartsWith(nameof(SocketException), StringComparison.Ordinal)));

        mailer.Down = false;
        clock.Advance(TimeSpan.FromHours(1));
        var dueAfterOutage = await SweepAsync();
        await SendAsync(mailer, dueAfterOutage);
        clock.Advance(TimeSpan.FromHours(1));
        await SendAsync(mailer, await SweepAsync());
        await SendAsync(mailer, ids);

        Assert.Equal(2, dueAfterOutage.Count);
        Assert.Equal("first@example.test third@example.test", string.Join(" ", mailer.Sent.Order(StringComparer.Ordinal)));
        Assert.Equal(2, await CountAsync(p => p.ReceiptSentAt != null));
        Assert.Equal(refused.PaymentId, Assert.Single(await DeliveriesAsync()).PaymentId);
        var listed = Assert.Single(await App.WithScopeAsync(sp => new ListFailedMail.Handler(sp.GetRequiredService<IAppDbContext>()).Handle(new ListFailedMail.Query(), CancellationToken.None).AsTask()));
        Assert.Equal((Unparsable, PaymentMailKind.Receipt, refused.Reason), (listed.To, listed.Kind, listed.Reason));

        using var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);
        var page = await finance.GetStringAsync("/admin/failed-mail");
        Assert.Contains("&lt;script&gt;@x.org", page, StringComparison.Ordinal);
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await listener.GetAsync("/admin/failed-mail")).StatusCode);
    }

    /// <summary>Three paid pledges whose receipts went out, marked unsent again so each test sends them itself.</summary>
    private async Task<IReadOnlyList<Guid>> UnsentReceiptsAsync(params string[] emails)
    {
        await kit.AddStationAsync();
        for (var i = 0; i < emails.Length; i++)
        {
            await kit.PayAsync(await kit.PledgeAsync(1000 + i, key: $"receipt-{i}", email: emails[i]));
        }

        await kit.WebhooksDeliveredAsync();
        await PledgeKit.WaitForAsync(() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AllAsync(p => p.ReceiptSentAt != null)));
        await using (var connection = await App.OpenAsync())
        {
            await using var unsend = connection.CreateCommand();
            unsend.CommandText = """UPDATE "Payments" SET "ReceiptSentAt" = NULL""";
            await unsend.ExecuteNonQueryAsync();
        }

        return await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.OrderBy(p => p.PaidAt).Select(p => p.Id).ToListAsync());
    }

    private Task<int> SendAsync(IMailer mailer, IReadOnlyList<Guid> paymentIds) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var handler = new SendReceipts.Handler(db, mailer, sp.GetRequiredService<IAppUrls>(), sp.GetRequiredService<IPledgeCancelTokens>(), clock, NullLogger<SendReceipts.Handler>.Instance);
        await handler.Handle(new SendReceipts.Command(paymentIds), CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    /// <summary>The payments whose receipts the mail sweep enqueues now.</summary>
    private Task<IReadOnlyList<Guid>> SweepAsync() => App.WithScopeAsync(async sp =>
    {
        var jobs = new RecordingJobs();
        await new SendMissingMail.Handler(sp.GetRequiredService<IAppDbContext>(), jobs, clock).Handle(new SendMissingMail.Command(), CancellationToken.None);
        return (IReadOnlyList<Guid>)jobs.Commands.OfType<SendReceipts.Command>().SelectMany(c => c.PaymentIds).ToList();
    });

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Payment, bool>> predicate) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.CountAsync(predicate));

    private Task<List<MailDelivery>> DeliveriesAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().MailDeliveries.AsNoTracking().ToListAsync());

    private sealed class RecordingMailer(int? failOnMessage) : IMailer
    {
        private int tries;

        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
        {
            if (++tries == failOnMessage)
            {
                throw new IOException("The mail server hung up.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Renders each mail as the SMTP mailer does, then fails to connect while the server is down.</summary>
    private sealed class OutageMailer(MailRenderer renderer) : IMailer
    {
        public bool Down { get; set; }

        public List<string> Sent { get; } = [];

        public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
        {
            var mime = await renderer.RenderAsync(message);
            if (Down)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }

            Sent.Add(mime.To.Mailboxes.Single().Address);
        }
    }

    private sealed class RecordingJobs : IBackgroundJobs
    {
        public List<ICommand> Commands { get; } = [];

        public void EnqueueAfterCommit<TCommand>(TCommand command)
            where TCommand : ICommand => Commands.Add(command);
    }
}
