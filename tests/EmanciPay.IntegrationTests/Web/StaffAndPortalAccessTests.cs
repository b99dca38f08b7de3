using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// Every staff and station portal route the running app has, found from its endpoints rather than listed by hand, so the next
/// one added without its policy fails here: nobody but a station's managers and two-factor staff gets anything from them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StaffAndPortalAccessTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Station = "kexp-fm";

    private static readonly string[] StaffPrefixes = ["/admin", "/finance", "/api/v1/admin", "/api/v1/finance"];

    /// <summary>Routes any signed-in user may use: claiming a station and accepting an invitation to manage one.</summary>
    private static readonly string[] SignedInOnly = ["POST /api/v1/stations/{slug}/claims", "GET /manage/invitations/accept", "POST /manage/invitations/accept"];

    private enum Kind { Staff, Station, SignedIn }

    private sealed record Route(Kind Kind, string Method, string Pattern, string Path)
    {
        public bool IsApi => Path.StartsWith("/api/", StringComparison.Ordinal);

        public bool HasStation => Pattern.Contains("{slug", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Path}";
    }

    [Fact]
    public async Task Every_staff_and_portal_route_refuses_everyone_but_its_own_managers_and_two_factor_staff()
    {
        var claim = await StationsAndClaimAsync();
        var routes = await RoutesAsync(claim);
        using var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        using var bearer = await BearerClientAsync("listener@example.test");
        using var neighbour = await Accounts.SignedInManagerAsync(App, "manager@wfmu.test", "wfmu");
        using var manager = await Accounts.SignedInManagerAsync(App, "second-manager@kexp.test", Station);
        using var finance = await Accounts.SignedInClientAsync(App, "finance@example.test", Roles.Finance);
        using var admin = await Accounts.SignedInClientAsync(App, "admin@example.test", Roles.Admin);

        var failures = new List<string>();
        var checks = 0;
        foreach (var route in routes)
        {
            await CheckAsync(route, "anonymous", anonymous, signedIn: false);
            await CheckAsync(route, "listener", listener, signedIn: true);
            if (route.IsApi)
            {
                await CheckAsync(route, "listener (bearer)", bearer, signedIn: true);
            }

            if (route.Kind == Kind.Staff || route.HasStation)
            {
                await CheckAsync(route, "wfmu's manager", neighbour, signedIn: true);
            }

            if (route.Kind == Kind.Staff)
            {
                await CheckAsync(route, "kexp-fm's own manager", manager, signedIn: true);
                await CheckAsync(route, "finance without two factors", finance, signedIn: true);
                await CheckAsync(route, "admin without two factors", admin, signedIn: true);
            }
        }

        var found = routes.Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(routes.Count >= 15, $"Only {routes.Count} routes found: {string.Join(", ", found)}");
        Assert.Contains("GET /manage/{slug}", found);
        Assert.Contains("GET /admin/claims", found);
        Assert.Contains("GET /finance/payouts", found);
        Assert.Contains("POST /api/v1/finance/payouts/{id:guid}/approve", found);
        Assert.Contains("GET /api/v1/stations/{slug}/portal", found);
        Assert.Contains("GET /finance", found);
        Assert.Contains("GET /finance/ledger/entries/{id:guid}", found);
        Assert.Contains("GET /api/v1/finance/trial-balance", found);
        Assert.Contains("GET /api/v1/finance/exports/ledger.csv", found);
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n{string.Join('\n', failures)}");
        Assert.True(checks >= 60, $"Only {checks} checks made.");

        async Task CheckAsync(Route route, string caller, HttpClient client, bool signedIn)
        {
            checks++;
            var response = await SendAsync(client, route);
            var body = await response.Content.ReadAsStringAsync();
            var problem = Refusal(route, response, signedIn, caller == "wfmu's manager");
            if (problem is null && route.Kind == Kind.Station && route.HasStation && signedIn && body.Contains("KEXP", StringComparison.Ordinal))
            {
                problem = "shows KEXP's data";
            }

            if (problem is not null)
            {
                failures.Add($"{route} as {caller}: {problem} ({(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {response.Headers.Location})");
            }
        }
    }

    /// <summary>Why this answer is not a refusal, or null when it is one.</summary>
    private static string? Refusal(Route route, HttpResponseMessage response, bool signedIn, bool isNeighbour)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return "server error";
        }

        if (!signedIn)
        {
            return route.IsApi
                ? status == 401 && mediaType == "application/problem+json" ? null : "not 401 problem+json"
                : status == 302 && location.StartsWith("/account/login", StringComparison.Ordinal) ? null : "not sent to sign in";
        }

        if (route.Kind == Kind.SignedIn || (route.Kind == Kind.Station && !route.HasStation && isNeighbour))
        {
            // Any signed-in user (or any manager, for the list of their own stations) may use it: never broken, and never another station's data (checked by the caller).
            return null;
        }

        if (route.IsApi)
        {
            var refused = status == 403 || (status == 404 && mediaType == "application/problem+json");
            return refused ? null : "not 403 or 404 problem+json";
        }

        var redirectedAway = status == 302 && (location.StartsWith("/account/access-denied", StringComparison.Ordinal)
            || location.StartsWith("/account/login-2fa", StringComparison.Ordinal) || location.StartsWith("/account/two-factor", StringComparison.Ordinal));
        return status is 403 or 404 || redirectedAway ? null : "not refused";
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        var unsafeMethod = route.Method is not ("GET" or "HEAD");
        if (unsafeMethod && client.DefaultRequestHeaders.Authorization is null)
        {
            // The refusal tested is authorization's, not antiforgery's: send the token a browser's page or script would.
            var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
            var token = antiforgery.GetProperty("token").GetString()!;
            request.Headers.Add(antiforgery.GetProperty("header").GetString()!, token);
            if (!route.IsApi)
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            }
        }

        if (route.IsApi)
        {
            request.Content ??= unsafeMethod ? JsonContent.Create(new { amount = 100, currency = "usd", email = "gm@kexp.org", phone = "+1 206 555 0100", note = "n", reason = "r" }) : null;
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }
        else
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        }

        return await client.SendAsync(request);
    }

    /// <summary>Every method (and page handler) of every route under the staff and portal prefixes, its values filled in.</summary>
    private async Task<List<Route>> RoutesAsync(Guid claim)
    {
        var services = App.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (KindOf(pattern) is not { } kind)
            {
                continue;
            }

            var path = Fill(endpoint.RoutePattern, claim);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var handlerPath = handler.Name is null ? path : $"{path}?handler={handler.Name}";
                    routes.Add(new Route(SignedInOnly.Contains($"{method} {pattern}") ? Kind.SignedIn : kind, method, pattern, handlerPath));
                }

                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add(new Route(SignedInOnly.Contains($"{method} {pattern}") ? Kind.SignedIn : kind, method, pattern, path));
            }
        }

        return routes.DistinctBy(r => $"{r.Method} {r.Path}").OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
    }

    private static Kind? KindOf(string pattern)
    {
        if (StaffPrefixes.Any(p => pattern == p || pattern.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            return Kind.Staff;
        }

        if (pattern == "/manage" || pattern.StartsWith("/manage/", StringComparison.Ordinal))
        {
            return Kind.Station;
        }

        // The public station reads (/api/v1/stations and /api/v1/stations/{slug}) and pledging stay open; everything below a station is its managers'.
        var stationApi = pattern.StartsWith("/api/v1/stations/{slug}/", StringComparison.Ordinal) && !pattern.Contains("pledge", StringComparison.Ordinal);
        return stationApi ? Kind.Station : null;
    }

    private static string Fill(RoutePattern pattern, Guid claim) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "slug" } => Station,
            RoutePatternParameterPart when pattern.RawText!.Contains("/claims", StringComparison.Ordinal) => claim.ToString(),
            _ => Guid.NewGuid().ToString(),
        }))));

    /// <summary>KEXP (claimed, with its own manager and a claim an admin would review) and WFMU, managed by the neighbour.</summary>
    private async Task<Guid> StationsAndClaimAsync()
    {
        var stations = new ClaimKit(App);
        await stations.AddStationAsync();
        await stations.AddStationAsync("WFMU", "WFMU", "https://wfmu.org");
        using var claimant = await Accounts.SignedInClientAsync(App, "claimant@example.test", Roles.Listener);
        var claim = await ClaimKit.ClaimIdAsync(await ClaimKit.ClaimAsync(claimant));
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            (await db.Recipients.SingleAsync(r => r.Slug == Station)).MarkClaimed(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await Accounts.SignedInManagerAsync(App, "manager@kexp.test", Station);
        return claim;
    }

    private async Task<HttpClient> BearerClientAsync(string email)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = Accounts.Password });
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }
}
