using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Record;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Record;

/// <summary>The January mail of the year-end statement: one per listener with gifts, once however often it runs, and a refused one set aside without holding up the others.</summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class YearEndStatementMailTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task In_January_each_giver_is_mailed_once_and_a_refused_address_is_set_aside_without_stopping_the_others()
    {
        await kit.AddStationAsync();
        var refused = await GiverAsync("statement-refused@example.test");
        var giver = await GiverAsync("statement-giver@example.test");
        await Accounts.CreateAsync(App, "statement-nothing@example.test", Roles.Listener);
        await kit.WebhooksDeliveredAsync();
        var year = fixture.Time.GetUtcNow().Year;

        // An address the mail server refuses for good, as a typo that slipped through would be.
        await App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == refused)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "not an address")));
        fixture.Time.SetUtcNow(new DateTimeOffset(year + 1, 1, 2, 10, 0, 0, TimeSpan.Zero));

        await App.SendAsync(new MailYearEndStatements.Command());
        var mail = await Accounts.MailToAsync(App.Factory, "statement-giver@example.test", $"Your giving statement for {year}");
        Assert.Contains($"/me/statements/{year}/pdf", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("depends on the recipient's status", mail.TextBody, StringComparison.Ordinal);
        await PledgeKit.WaitForAsync(() => MailingAsync(refused).ContinueWith(t => t.Result?.FailedAt is not null));

        // Run twice more, by the sweep and by the job itself: nothing more is sent, the refused one is not tried again.
        await App.SendAsync(new MailYearEndStatements.Command());
        await App.SendAsync(new SendYearEndStatement.Command(giver, year));
        await App.SendAsync(new SendYearEndStatement.Command(refused, year));
        await Task.Delay(1000);
        Assert.Single(Statements("statement-giver@example.test"));
        Assert.Empty(Statements("statement-nothing@example.test"));
        Assert.NotNull((await MailingAsync(giver))!.SentAt);
        var setAside = (await MailingAsync(refused))!;
        Assert.Equal(1, setAside.Attempts);
        Assert.False(string.IsNullOrEmpty(setAside.Reason));
    }

    private async Task<string> GiverAsync(string email)
    {
        var client = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(client, PledgeKit.Body(1500, email: null), $"key-{email}");
        Assert.NotNull(await kit.PayAsync(pledge));
        return (await App.WithScopeAsync(sp => sp.GetRequiredService<IUserAccounts>().UserIdByEmailAsync(email, CancellationToken.None)))!;
    }

    private Task<Domain.Record.StatementMailing?> MailingAsync(string listenerId) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StatementMailings.AsNoTracking().SingleOrDefaultAsync(m => m.ListenerId == listenerId));

    private List<MimeKit.MimeMessage> Statements(string to) => App.Factory.Mail.Messages()
        .Where(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains("Your giving statement", StringComparison.Ordinal))
        .ToList();
}
