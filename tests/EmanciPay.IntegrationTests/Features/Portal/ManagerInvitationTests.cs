using System.Net;
using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Portal;
using EmanciPay.Domain.Recipients;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Portal;

/// <summary>A manager invites another address; the invitee accepts once, with that address, before the link expires.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ManagerInvitationTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task An_invitee_accepts_by_the_mailed_link_once_and_then_manages_the_station()
    {
        var manager = await StationWithManagerAsync();
        var invite = await Accounts.PostFormAsync(manager, "/manage/kexp-fm/managers", new() { ["Email"] = "New.Manager@example.test" });
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var mail = await Accounts.MailToAsync(App.Factory, "New.Manager@example.test", "invited to manage KEXP");
        var link = new Uri(InvitationLink().Match(mail.TextBody ?? "").Value);
        var pending = await manager.GetStringAsync("/manage/kexp-fm/managers");
        Assert.Contains("new.manager@example.test", pending, StringComparison.Ordinal);

        var invitee = await Accounts.SignedInClientAsync(App, "new.manager@example.test", Roles.Listener);
        var before = await invitee.GetAsync("/manage/kexp-fm");
        var landing = await invitee.GetAsync(link.PathAndQuery);
        var accepted = await Accounts.PostFormAsync(invitee, link.PathAndQuery, new() { ["token"] = Token(link) });
        var portal = await invitee.GetAsync("/manage/kexp-fm");
        var again = await Accounts.PostFormAsync(invitee, "/manage/invitations/accept", new() { ["token"] = Token(link) }, formUrl: "/manage/kexp-fm/managers");

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("Accept the invitation", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/manage/kexp-fm", accepted.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var managers = await manager.GetStringAsync("/manage/kexp-fm/managers");
        Assert.Contains("manager@kexp.test", managers, StringComparison.Ordinal);
        var (assignments, hash) = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            return (await db.StationManagers.CountAsync(), (await db.ManagerInvitations.SingleAsync()).TokenHash);
        });
        Assert.Equal(2, assignments);
        Assert.Equal(LinkTokens.Hash(Token(link)), hash);
        Assert.DoesNotContain(Token(link), hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inviting_an_address_already_invited_or_already_a_manager_is_refused_naming_the_field_and_writes_nothing()
    {
        var manager = await StationWithManagerAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(manager, "/manage/kexp-fm/managers", new() { ["Email"] = "invitee@example.test" })).StatusCode);

        var twice = await Accounts.PostFormAsync(manager, "/manage/kexp-fm/managers", new() { ["Email"] = "INVITEE@example.test" });
        var self = await Accounts.PostFormAsync(manager, "/manage/kexp-fm/managers", new() { ["Email"] = "manager@kexp.test" });
        var malformed = await Accounts.PostFormAsync(manager, "/manage/kexp-fm/managers", new() { ["Email"] = "not an address" });

        foreach (var (response, words) in new[] { (twice, "already invited"), (self, "already manages"), (malformed, "is not an email address") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains(words, page, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
            Assert.Contains("invite-error", page, StringComparison.Ordinal);
        }

        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().ManagerInvitations.CountAsync()));
    }

    [Fact]
    public async Task An_expired_unknown_or_someone_elses_link_is_refused_with_nothing_written()
    {
        await StationWithManagerAsync();
        var managerId = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationManagers.Select(m => m.UserId).SingleAsync());
        var station = await new PledgeKit(App).RecipientIdAsync();
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var expired = ManagerInvitation.Create(station, "late@example.test", managerId, DateTimeOffset.UtcNow - ManagerInvitation.Lifetime - TimeSpan.FromMinutes(1));
            expired.IssueToken(LinkTokens.Hash("expired-token"));
            var forOther = ManagerInvitation.Create(station, "intended@example.test", managerId, DateTimeOffset.UtcNow);
            forOther.IssueToken(LinkTokens.Hash("other-token"));
            db.ManagerInvitations.AddRange(expired, forOther);
            return await db.SaveChangesAsync();
        });
        var late = await Accounts.SignedInClientAsync(App, "late@example.test", Roles.Listener);

        var expiredAnswer = await Accounts.PostFormAsync(late, "/manage/invitations/accept?token=expired-token", new() { ["token"] = "expired-token" });
        var unknown = await Accounts.PostFormAsync(late, "/manage/invitations/accept?token=made-up", new() { ["token"] = "made-up" });
        var wrongAccount = await Accounts.PostFormAsync(late, "/manage/invitations/accept?token=other-token", new() { ["token"] = "other-token" });

        Assert.Contains("expired", await Refusal(expiredAnswer), StringComparison.Ordinal);
        Assert.Contains("not valid", await Refusal(unknown), StringComparison.Ordinal);
        Assert.Contains("intended@example.test", await Refusal(wrongAccount), StringComparison.Ordinal);
        var (managers, accepted) = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            return (await db.StationManagers.CountAsync(), await db.ManagerInvitations.CountAsync(i => i.AcceptedAt != null));
        });
        Assert.Equal((1, 0), (managers, accepted));
    }

    [Fact]
    public async Task Accepting_needs_a_signed_in_account()
    {
        await StationWithManagerAsync();
        var anonymous = App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var landing = await anonymous.GetAsync("/manage/invitations/accept?token=abc");

        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.StartsWith("/account/login", landing.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("token%3Dabc", landing.Headers.Location?.Query, StringComparison.Ordinal);
    }

    private async Task<HttpClient> StationWithManagerAsync()
    {
        await new PledgeKit(App).AddStationAsync();
        return await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
    }

    private static async Task<string> Refusal(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Token(Uri link) => Uri.UnescapeDataString(link.Query.Split("token=")[1]);

    [GeneratedRegex(@"https?://\S+/manage/invitations/accept\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex InvitationLink();
}
