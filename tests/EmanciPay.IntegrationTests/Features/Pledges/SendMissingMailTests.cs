using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>A receipt whose job was lost (in-memory job storage restarted) is sent by the sweep.</summary>
[Collection(SqliteWithClockCollection.Name)]
public sealed class SendMissingMailTests(SqliteWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_receipt_lost_with_its_job_is_sent_by_the_sweep_and_only_once()
    {
        await kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        await kit.PayAsync(await kit.PledgeAsync(1000, email: email));
        await Accounts.MailToAsync(App.Factory, email, "Your receipt");
        await PledgeKit.WaitForAsync(() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AnyAsync(p => p.ReceiptSentAt != null)));
        foreach (var file in Directory.GetFiles(App.Factory.Mail.Path))
        {
            File.Delete(file);
        }

        // As if the receipt job had been lost before it ran.
        await using (var connection = await App.OpenAsync())
        {
            await using var lose = connection.CreateCommand();
            lose.CommandText = """UPDATE "Payments" SET "ReceiptSentAt" = NULL""";
            await lose.ExecuteNonQueryAsync();
        }

        await App.SendAsync(new SendMissingMail.Command());
        await Task.Delay(300);
        var tooSoon = App.Factory.Mail.Messages().Count;
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await App.SendAsync(new SendMissingMail.Command());
        await Accounts.MailToAsync(App.Factory, email, "Your receipt");
        await PledgeKit.WaitForAsync(() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AnyAsync(p => p.ReceiptSentAt != null)));
        await App.SendAsync(new SendMissingMail.Command());
        await Task.Delay(300);

        Assert.Equal(0, tooSoon);
        Assert.Single(App.Factory.Mail.Messages());
    }
}
