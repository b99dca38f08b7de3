using System.Text.RegularExpressions;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>What a guest gave shows in My giving once the guest registers and confirms the same email, and not before.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class GuestPledgeLinkingTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Passphrase = "a long enough passphrase";

    [Fact]
    public async Task A_guests_pledges_join_the_account_that_confirms_the_same_email_whatever_its_case()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        var mine = await kit.PledgeAsync(1000, key: "mine", email: "Guest@Example.test");
        await kit.PayAsync(mine);
        var someoneElses = await kit.PledgeAsync(2000, key: "theirs", email: "someone@example.test");
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = "guest@example.test", ["Input.Password"] = Passphrase, ["Input.ConfirmPassword"] = Passphrase });
        var beforeConfirming = (await kit.PledgeRowAsync(mine.GetProperty("id").GetGuid())).ListenerId;
        var mail = await Accounts.MailToAsync(App.Factory, "guest@example.test", "Confirm your EmanciPay account");
        await client.GetStringAsync(new Uri(ConfirmLink().Match(mail.TextBody ?? "").Value).PathAndQuery);
        await kit.WebhooksDeliveredAsync();
        await Accounts.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "guest@example.test", ["Input.Password"] = Passphrase });
        var giving = await client.GetStringAsync("/me/giving");

        var listenerId = await App.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("guest@example.test"))!.Id);
        Assert.Null(beforeConfirming);
        Assert.Equal(listenerId, (await kit.PledgeRowAsync(mine.GetProperty("id").GetGuid())).ListenerId);
        Assert.Null((await kit.PledgeRowAsync(someoneElses.GetProperty("id").GetGuid())).ListenerId);
        Assert.Contains("$10.00 once", giving, StringComparison.Ordinal);
        Assert.DoesNotContain("$20.00", giving, StringComparison.Ordinal);
        Assert.Equal(PledgeStatus.Paid, (await kit.PledgeRowAsync(mine.GetProperty("id").GetGuid())).Status);
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
