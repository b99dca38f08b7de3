using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>Checkouts left unpaid: the way back to the station, expiry after Stripe's 24 hours, and resuming or removing one from My giving.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AbandonedCheckoutTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task Leaving_checkout_returns_to_the_station_page_saying_nothing_was_charged()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync();

        var cancelUrl = new Uri(SessionOf(pledge)["cancel_url"]!.GetValue<string>());
        var page = await Kit.Client.GetStringAsync(cancelUrl.PathAndQuery);

        Assert.Equal("/stations/kexp-fm", cancelUrl.AbsolutePath);
        Assert.Contains("You left checkout before paying: nothing was charged.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkout_left_unpaid_for_24_hours_expires_at_stripe_and_in_the_books_and_a_newer_one_does_not()
    {
        await Kit.AddStationAsync();
        var abandoned = await Kit.PledgeAsync(key: "abandoned");
        var recent = await Kit.PledgeAsync(key: "recent");
        await BackdateAsync(abandoned, TimeSpan.FromHours(25));
        await BackdateAsync(recent, TimeSpan.FromHours(23));

        await App.SendAsync(new ExpireAbandonedCheckouts.Command());
        await PledgeKit.WaitForAsync(async () => (await RowAsync(abandoned)).Status == PledgeStatus.Expired);

        Assert.Equal("expired", SessionOf(abandoned)["status"]!.GetValue<string>());
        Assert.Null((await RowAsync(abandoned)).CheckoutUrl);
        Assert.Equal(PledgeStatus.Pending, (await RowAsync(recent)).Status);
        Assert.Equal("open", SessionOf(recent)["status"]!.GetValue<string>());
        Assert.Null(await Kit.PayAsync(abandoned));
    }

    [Fact]
    public async Task Stripes_checkout_session_expired_event_expires_the_pledge()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync();

        App.Factory.Emulator.ExpireCheckoutSession(SessionIdOf(pledge));
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(PledgeStatus.Expired, (await RowAsync(pledge)).Status);
    }

    [Fact]
    public async Task My_giving_links_back_to_an_open_checkout_and_removes_the_pledge_so_it_can_no_longer_be_paid()
    {
        await Kit.AddStationAsync();
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(1000));

        var giving = await new HtmlParser().ParseDocumentAsync(await listener.GetStringAsync("/me/giving"));
        var offered = giving.QuerySelector("form[action*='handler=Checkout'] button")?.TextContent;
        var resume = (await Accounts.PostFormAsync(listener, "/me/giving?handler=Checkout", new() { ["pledgeId"] = pledge.GetProperty("id").GetString()! }, formUrl: "/me/giving")).Headers.Location?.ToString();
        var removed = await Accounts.PostFormAsync(listener, "/me/giving?handler=Remove", new() { ["pledgeId"] = pledge.GetProperty("id").GetString()! }, formUrl: "/me/giving");
        var after = await listener.GetStringAsync("/me/giving");

        Assert.Equal("Continue to payment", offered);
        Assert.Equal(pledge.GetProperty("checkoutUrl").GetString(), resume);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(PledgeStatus.Expired, (await RowAsync(pledge)).Status);
        Assert.Equal("expired", SessionOf(pledge)["status"]!.GetValue<string>());
        Assert.Null(await Kit.PayAsync(pledge));
        Assert.Contains("The pledge is removed. Nothing was charged.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting for payment", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paid_pledge_is_not_removed_and_another_listeners_pledge_is_not_found()
    {
        await Kit.AddStationAsync();
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        using var other = await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(1000));
        Assert.NotNull(await Kit.PayAsync(pledge));
        await Kit.WebhooksDeliveredAsync();
        var fields = new Dictionary<string, string> { ["pledgeId"] = pledge.GetProperty("id").GetString()! };

        var paid = await Accounts.PostFormAsync(listener, "/me/giving?handler=Remove", fields, formUrl: "/me/giving");
        var notYours = await Accounts.PostFormAsync(other, "/me/giving?handler=Remove", new(fields), formUrl: "/me/giving");

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Contains("Only a pledge that is still waiting for payment can be removed.", await listener.GetStringAsync("/me/giving"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(PledgeStatus.Paid, (await RowAsync(pledge)).Status);
    }

    private static string SessionIdOf(JsonElement pledge) => new Uri(pledge.GetProperty("checkoutUrl").GetString()!).Segments[^1];

    private System.Text.Json.Nodes.JsonObject SessionOf(JsonElement pledge) => App.Factory.Emulator.FindCheckoutSession(SessionIdOf(pledge))!;

    private Task<Pledge> RowAsync(JsonElement pledge) => Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());

    private Task<int> BackdateAsync(JsonElement pledge, TimeSpan age) => App.WithScopeAsync(sp =>
    {
        var id = pledge.GetProperty("id").GetGuid();
        var at = DateTimeOffset.UtcNow - age;
        return sp.GetRequiredService<IAppDbContext>().Pledges.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, at));
    });
}
