using System.Net;
using System.Net.Http.Headers;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Portal;

/// <summary>Every portal page and endpoint: a station's managers only; anybody else is sent to sign in, refused, or told the station is unknown.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PortalAccessTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    public static TheoryData<string> StationPages { get; } = ["/manage/kexp-fm", "/manage/kexp-fm/statement", "/manage/kexp-fm/managers"];

    public static TheoryData<string> StationEndpoints { get; } = ["/api/v1/stations/kexp-fm/portal", "/api/v1/stations/kexp-fm/statement"];

    [Theory]
    [MemberData(nameof(StationPages))]
    [InlineData("/manage")]
    public async Task A_page_sends_an_anonymous_visitor_to_sign_in_and_a_listener_to_access_denied(string path)
    {
        var (anonymous, listener, _) = await ClientsAsync();

        var signIn = await Page(anonymous, path);
        var denied = await Page(listener, path);

        Assert.StartsWith("/account/login", signIn.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StationPages))]
    public async Task A_page_of_another_station_is_refused_to_its_neighbours_manager_and_an_unknown_station_is_404(string path)
    {
        var (_, _, neighbour) = await ClientsAsync();

        var browser = await Page(neighbour, path);
        var program = await neighbour.GetAsync(path);
        var unknown = await Page(neighbour, path.Replace("kexp-fm", "no-such-station", StringComparison.Ordinal));
        var own = await Page(neighbour, path.Replace("kexp-fm", "wfmu", StringComparison.Ordinal));

        Assert.StartsWith("/account/access-denied", browser.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, program.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("KEXP", await program.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StationEndpoints))]
    public async Task An_endpoint_is_401_anonymous_403_for_a_listener_and_another_stations_manager_and_404_for_an_unknown_station(string path)
    {
        var (anonymous, listener, neighbour) = await ClientsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await listener.GetAsync(path)).StatusCode);
        var refused = await neighbour.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(path.Replace("kexp-fm", "no-such-station", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync(path.Replace("kexp-fm", "wfmu", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Another_stations_manager_cannot_invite_a_manager_and_nothing_is_written()
    {
        var (_, _, neighbour) = await ClientsAsync();

        var response = await Accounts.PostFormAsync(neighbour, "/manage/kexp-fm/managers", new() { ["Email"] = "intruder@example.test" }, formUrl: "/manage/wfmu/managers");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().ManagerInvitations.CountAsync()));
    }

    [Fact]
    public async Task The_portal_link_is_in_the_site_nav_for_managers_only()
    {
        var (_, listener, neighbour) = await ClientsAsync();

        Assert.DoesNotContain("href=\"/manage\"", await listener.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/manage\"", await neighbour.GetStringAsync("/"), StringComparison.Ordinal);
        var mine = await neighbour.GetStringAsync("/manage");
        Assert.Contains("href=\"/manage/wfmu\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("kexp-fm", mine, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Anonymous, HttpClient Listener, HttpClient Neighbour)> ClientsAsync()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        await kit.AddStationAsync("WFMU", "WFMU");
        await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var neighbour = await Accounts.SignedInManagerAsync(App, "manager@wfmu.test", "wfmu");
        return (anonymous, listener, neighbour);
    }

    /// <summary>A browser's request: it accepts HTML, so a refusal sends it to a page rather than answering problem+json.</summary>
    private static Task<HttpResponseMessage> Page(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client.SendAsync(request);
    }
}
