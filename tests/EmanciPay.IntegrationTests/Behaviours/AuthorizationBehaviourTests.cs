using System.Net;
using System.Text.Json;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Behaviours;

/// <summary>One rule per message, whoever sends it: a page, an API call, a job, or code sending it directly.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuthorizationBehaviourTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task My_giving_is_refused_to_a_signed_in_non_listener_alike_through_the_api_the_page_and_a_direct_send()
    {
        using var finance = await Accounts.SignedInClientAsync(App, "finance@example.test", Roles.Finance);
        var financeId = await UserIdAsync("finance@example.test");
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var listenerId = await UserIdAsync("listener@example.test");

        var api = await finance.GetAsync("/api/v1/me/pledges");
        var page = await finance.GetAsync("/me/giving");
        using var browserRequest = new HttpRequestMessage(HttpMethod.Get, "/me/giving") { Headers = { { "Accept", "text/html" } } };
        var browser = await finance.SendAsync(browserRequest);
        var direct = await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(new GetMyGiving.Query(financeId), TestSender.SignedIn(financeId, twoFactor: false, Roles.Finance)));
        await Assert.ThrowsAsync<SignInRequiredException>(() => App.SendAsync(new GetMyGiving.Query(listenerId), TestSender.Anonymous));
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(new GetMyGiving.Query(listenerId), TestSender.System));
        var own = await App.SendAsync(new GetMyGiving.Query(listenerId), TestSender.SignedIn(listenerId, twoFactor: false, Roles.Listener));

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.StartsWith("/account/access-denied", browser.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await listener.GetAsync("/me/giving")).StatusCode);
        Assert.Contains("GetMyGiving.Query", direct.Message, StringComparison.Ordinal);
        Assert.Empty(own);
    }

    [Fact]
    public async Task Cancelling_someone_elses_pledge_is_refused_as_not_found_by_the_page_and_directly_even_when_the_message_names_its_owner()
    {
        await Kit.AddStationAsync();
        using var owner = await Accounts.SignedInClientAsync(App, "owner@example.test", Roles.Listener);
        using var other = await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener);
        var ownerId = await UserIdAsync("owner@example.test");
        var otherId = await UserIdAsync("other@example.test");
        var id = (await PledgeKit.PostAsync(owner, PledgeKit.Body(1000, frequency: "monthly", email: null))).GetProperty("id").GetGuid();
        var forged = new CancelPledge.Command(id, ownerId, Token: null);

        var page = await Accounts.PostFormAsync(other, "/me/giving?handler=Cancel", new() { ["pledgeId"] = id.ToString() }, "/me/giving");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(forged, TestSender.SignedIn(otherId, twoFactor: false, Roles.Listener)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(forged, TestSender.Anonymous));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(forged, TestSender.System));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(forged with { ListenerId = null, Token = "not-a-token" }, TestSender.Anonymous));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(forged with { PledgeId = Guid.NewGuid() }, TestSender.SignedIn(ownerId, twoFactor: false, Roles.Listener)));
        var stillActive = (await Kit.PledgeRowAsync(id)).Status;
        var cancelled = await App.SendAsync(forged, TestSender.SignedIn(ownerId, twoFactor: false, Roles.Listener));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(PledgeStatus.Pending, stillActive);
        Assert.Equal(PledgeStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task The_thank_you_page_of_a_listeners_pledge_opens_for_that_listener_only_and_a_guests_for_whoever_holds_its_id()
    {
        await Kit.AddStationAsync();
        using var owner = await Accounts.SignedInClientAsync(App, "owner@example.test", Roles.Listener);
        using var other = await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener);
        var listeners = (await PledgeKit.PostAsync(owner, PledgeKit.Body(1000, email: null))).GetProperty("id").GetGuid();
        var guests = (await Kit.PledgeAsync(key: "guest")).GetProperty("id").GetGuid();

        var byOwner = await owner.GetAsync($"/pledges/{listeners}/thanks");
        var byOther = await other.GetAsync($"/pledges/{listeners}/thanks");
        var byStranger = await Kit.Client.GetAsync($"/pledges/{listeners}/thanks");
        var guestsByStranger = await Kit.Client.GetAsync($"/pledges/{guests}/thanks");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ConfirmCheckout.Command(listeners, null), TestSender.System));

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, guestsByStranger.StatusCode);
    }

    [Fact]
    public async Task Finance_messages_need_finance_or_admin_signed_in_with_a_second_factor_or_the_system()
    {
        var query = new CheckLedgerIntegrity.Query();

        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(query, TestSender.SignedIn("finance", twoFactor: false, Roles.Finance)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(query, TestSender.SignedIn("listener", twoFactor: true, Roles.Listener, Roles.StationManager)));
        await Assert.ThrowsAsync<SignInRequiredException>(() => App.SendAsync(query, TestSender.Anonymous));

        Assert.True((await App.SendAsync(query, TestSender.SignedIn("finance", twoFactor: true, Roles.Finance))).Balanced);
        Assert.True((await App.SendAsync(query, TestSender.SignedIn("admin", twoFactor: true, Roles.Admin))).Balanced);
        Assert.True((await App.SendAsync(query, TestSender.System)).Balanced);
    }

    [Fact]
    public async Task Job_messages_are_the_systems_alone_and_a_scope_with_no_user_is_not_the_system()
    {
        var sweep = new Application.Features.Baskets.ChargeDueBaskets.Command();

        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(sweep, TestSender.Staff));
        // Signing in would not help, so an anonymous caller is told 403, not 401.
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(sweep, TestSender.Anonymous));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<ISender>().Send(sweep).AsTask());
        }

        Assert.Equal(Unit.Value, await App.SendAsync(sweep, TestSender.System));
    }

    [Fact]
    public async Task A_sender_who_may_not_send_a_message_learns_nothing_of_its_validation()
    {
        var invalid = new SendReceipts.Command([]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(invalid, TestSender.Staff));
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(invalid, TestSender.System));
    }

    [Fact]
    public async Task Refusals_become_401_and_403_problem_json_in_the_problem_handler()
    {
        var signIn = await ProblemAsync(new SignInRequiredException("GetMyGiving.Query"));
        var denied = await ProblemAsync(new AccessDeniedException("GetMyGiving.Query"));

        Assert.Equal((401, "application/problem+json"), (signIn.Status, signIn.ContentType));
        Assert.Equal((403, "application/problem+json"), (denied.Status, denied.ContentType));
        Assert.Equal(401, signIn.Body.GetProperty("status").GetInt32());
        Assert.Equal(403, denied.Body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_station_managers_message_is_refused_unless_the_user_manages_that_station_and_a_message_declaring_nobody_is_refused()
    {
        var station = Guid.NewGuid();
        var links = new StationLinks(("manager", station));
        var manager = TestSender.SignedIn("manager", twoFactor: false, Roles.StationManager);

        var beforeClaims = await RefusalAsync(manager, new ManageStation(station));
        var linked = await RefusalAsync(manager, new ManageStation(station), links);
        var otherStation = await RefusalAsync(manager, new ManageStation(Guid.NewGuid()), links);
        var withoutRole = await RefusalAsync(TestSender.SignedIn("manager", twoFactor: true, Roles.Listener), new ManageStation(station), links);
        var undeclared = await RefusalAsync(TestSender.System, new Undeclared());

        Assert.IsType<AccessDeniedException>(beforeClaims);
        Assert.Null(linked);
        Assert.IsType<AccessDeniedException>(otherStation);
        Assert.IsType<AccessDeniedException>(withoutRole);
        Assert.Contains("does not declare who may send it", Assert.IsType<InvalidOperationException>(undeclared).Message, StringComparison.Ordinal);
    }

    private Task<string> UserIdAsync(string email) =>
        App.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id);

    // The behaviour alone, on messages no feature has yet; null when it lets the message through.
    private Task<Exception?> RefusalAsync<TMessage>(TestSender sender, TMessage message, IStationManagers? managers = null)
        where TMessage : ICommand => App.AsAsync<Exception?>(sender, async sp =>
    {
        var behaviour = managers is null
            ? ActivatorUtilities.CreateInstance<AuthorizationBehaviour<TMessage, Unit>>(sp)
            : ActivatorUtilities.CreateInstance<AuthorizationBehaviour<TMessage, Unit>>(sp, managers);
        return await Record.ExceptionAsync(async () => await behaviour.Handle(message, (_, _) => ValueTask.FromResult(Unit.Value), CancellationToken.None));
    });

    private async Task<(int Status, string? ContentType, JsonElement Body)> ProblemAsync(Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = App.Factory.Services };
        context.Request.Path = "/api/v1/me/pledges";
        context.Response.Body = new MemoryStream();
        var handled = false;
        foreach (var handler in App.Factory.Services.GetServices<IExceptionHandler>())
        {
            handled |= await handler.TryHandleAsync(context, exception, CancellationToken.None);
        }

        Assert.True(handled);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body));
    }

    [AllowedFor(Sender.StationManager)]
    public sealed record ManageStation(Guid StationId) : ICommand, IStationMessage;

    public sealed record Undeclared : ICommand;

    private sealed class StationLinks(params (string UserId, Guid StationId)[] links) : IStationManagers
    {
        public Task<bool> ManagesAsync(string userId, Guid stationId, CancellationToken cancellationToken) => Task.FromResult(links.Contains((userId, stationId)));
    }
}
