using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>A page on another site can make a signed-in browser send any request with its cookie; only the antiforgery token tells us it came from our pages.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CookieAntiforgeryTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_site_cookie_alone_cannot_turn_off_an_admins_two_factor_sign_in()
    {
        using var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);

        var forged = await admin.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { enable = false, resetSharedKey = true });
        var stillOn = await TwoFactorEnabledAsync("admin@example.test");
        var antiforgery = await admin.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var genuine = new HttpRequestMessage(HttpMethod.Post, "/api/v1/identity/manage/2fa") { Content = JsonContent.Create(new { }) };
        genuine.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        var withToken = await admin.SendAsync(genuine);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(stillOn);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task Every_unsafe_api_endpoint_refuses_the_site_cookie_without_the_token()
    {
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var unsafeApi = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is not ("GET" or "HEAD" or "OPTIONS")).Select(m => (Method: m, Path: Path(e))))
            .Distinct()
            .ToList();

        var answers = new List<string>();
        foreach (var (method, path) in unsafeApi)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            var response = await listener.SendAsync(request);
            answers.Add($"{method} {path}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Contains("antiforgery", StringComparison.OrdinalIgnoreCase)}");
        }

        Assert.Contains("POST /api/v1/identity/manage/info: 400 True", answers);
        Assert.Contains("POST /api/v1/pledges: 400 True", answers);
        Assert.All(answers, a => Assert.EndsWith(": 400 True", a, StringComparison.Ordinal));
    }

    private static string Path(RouteEndpoint endpoint) =>
        "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            _ => "x",
        }))));

    private Task<bool> TwoFactorEnabledAsync(string email) => App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(email))!);
    });
}
