using System.Net;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmanciPay.IntegrationTests.Web;

[Collection(PostgresCollection.Name)]
public sealed class SecurityHeaderTests(PostgresFixture fixture, StrictApp strict) : IntegrationTest(fixture), IClassFixture<StrictApp>
{
    [Fact]
    public async Task Every_endpoint_the_app_maps_answers_with_the_security_headers_and_pages_carry_no_inline_script()
    {
        await new PledgeKit(App).AddStationAsync();
        using var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var staff = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);
        var requests = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: PathOf(e.RoutePattern), Page: e.Metadata.GetMetadata<PageActionDescriptor>() is not null)))
            .Append(("GET", "/no/such/page", false))
            .Distinct()
            .ToList();
        Assert.True(requests.Count > 40, $"Only {requests.Count} endpoints were found.");

        var problems = new List<string>();
        foreach (var (method, path, page) in requests)
        {
            foreach (var client in new[] { anonymous, staff })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is not ("GET" or "HEAD" or "DELETE"))
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
                }

                var response = await client.SendAsync(request);
                problems.AddRange(MissingHeaders(response).Select(p => $"{method} {path} ({(int)response.StatusCode}): {p}"));
                if (page && method == "GET" && response.StatusCode == HttpStatusCode.OK)
                {
                    problems.AddRange(InlineScript(await response.Content.ReadAsStringAsync()).Select(p => $"{method} {path}: {p}"));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/stations")]
    public async Task The_sites_policy_allows_no_inline_script_and_no_other_origin_but_stripe_checkout(string path)
    {
        using var client = App.Factory.CreateClient();

        var policy = (await client.GetAsync(path)).Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(["https://checkout.stripe.com"], policy.Split(' ', ';').Where(t => t.Contains("://", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Https_is_enforced_outside_development_hsts_redirection_and_secure_cookies()
    {
        using var https = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://emancipay.test") });
        using var plain = strict.Get(App).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var overHttps = await https.GetAsync("/");
        var overHttp = await plain.GetAsync("/stations/kexp-fm?x=1");
        var cookies = strict.Get(App).Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        Assert.StartsWith("max-age=31536000", overHttps.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, overHttp.StatusCode);
        Assert.Equal("https://localhost/stations/kexp-fm?x=1", overHttp.Headers.Location?.ToString());
        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(IdentityConstants.ApplicationScheme).Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(IdentityConstants.TwoFactorUserIdScheme).Cookie.SecurePolicy);
    }

    private static IEnumerable<string> MissingHeaders(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

        // The pledge button (/embed/*) is made to be framed by any site; nothing else may be.
        var embed = response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) == true;
        var frameAncestors = embed ? "frame-ancestors *" : "frame-ancestors 'none'";
        if (Header("Content-Security-Policy") is not { } policy || !policy.Contains(frameAncestors, StringComparison.Ordinal) || !policy.Contains("object-src 'none'", StringComparison.Ordinal) && !policy.StartsWith("default-src 'none'", StringComparison.Ordinal))
        {
            yield return $"no Content-Security-Policy with {frameAncestors}";
        }

        if (Header("X-Content-Type-Options") != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (Header("Referrer-Policy") is null)
        {
            yield return "no Referrer-Policy";
        }

        if (Header("X-Frame-Options") != (embed ? null : "DENY"))
        {
            yield return embed ? "X-Frame-Options on the pledge button" : "no X-Frame-Options: DENY";
        }
    }

    private static IEnumerable<string> InlineScript(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var script in document.QuerySelectorAll("script").Where(s => s.GetAttribute("src") is null))
        {
            yield return $"inline script: {script.TextContent.Trim()[..Math.Min(60, script.TextContent.Trim().Length)]}";
        }

        foreach (var element in document.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) || e.GetAttribute("href")?.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true))
        {
            yield return $"inline handler on <{element.LocalName}>";
        }
    }

    /// <summary>A path that the route matches: literals as they are, a station's slug, a GUID, "x" for anything else.</summary>
    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "slug" } => "kexp-fm",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
            _ => "x",
        })))).TrimEnd('/').Replace("//", "/", StringComparison.Ordinal) is { Length: > 0 } path ? path : "/";
}
