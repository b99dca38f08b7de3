using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Payments;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>Receipts go out in batches; a mail server failing part way leaves the unsent ones for later, and nobody gets two.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SendReceiptsTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_mail_server_failing_part_way_keeps_the_receipts_sent_so_far_and_the_rest_go_out_once_later()
    {
        await kit.AddStationAsync();
        for (var i = 0; i < 3; i++)
        {
            await kit.PayAsync(await kit.PledgeAsync(1000 + i, key: $"receipt-{i}", email: $"receipt{i}@example.test"));
        }

        await kit.WebhooksDeliveredAsync();
        await PledgeKit.WaitForAsync(() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AllAsync(p => p.ReceiptSentAt != null)));
        await using (var connection = await App.OpenAsync())
        {
            await using var unsend = connection.CreateCommand();
            unsend.CommandText = """UPDATE "Payments" SET "ReceiptSentAt" = NULL""";
            await unsend.ExecuteNonQueryAsync();
        }

        var ids = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.Select(p => p.Id).ToListAsync());
        var failing = new RecordingMailer(failOnMessage: 2);
        await SendAsync(failing, ids);
        var sentAfterFailure = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.CountAsync(p => p.ReceiptSentAt != null));
        var working = new RecordingMailer(failOnMessage: null);
        await SendAsync(working, ids);

        Assert.Single(failing.Sent);
        Assert.Equal(1, sentAfterFailure);
        Assert.Equal(2, working.Sent.Count);
        Assert.Equal(3, failing.Sent.Concat(working.Sent).Select(m => m.To).Distinct().Count());
        Assert.Equal(3, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.CountAsync(p => p.ReceiptSentAt != null)));
    }

    private Task<int> SendAsync(IMailer mailer, IReadOnlyList<Guid> paymentIds) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var handler = new SendReceipts.Handler(db, mailer, sp.GetRequiredService<IAppUrls>(), sp.GetRequiredService<IPledgeCancelTokens>(), TimeProvider.System, NullLogger<SendReceipts.Handler>.Instance);
        await handler.Handle(new SendReceipts.Command(paymentIds), CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    private sealed class RecordingMailer(int? failOnMessage) : IMailer
    {
        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
        {
            if (Sent.Count + 1 == failOnMessage)
            {
                throw new IOException("The mail server hung up.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
