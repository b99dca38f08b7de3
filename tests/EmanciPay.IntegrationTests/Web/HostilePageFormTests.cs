using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// Every handler of every Razor page, found by reflection over the Web assembly, gets the usual hostile values in each
/// bound field and route value, posted with a genuine antiforgery token as a browser would. None may answer 5xx; a
/// handler that did not go on (no redirect away from the page) has written nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class HostilePageFormTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] FormValues =
        [HostileInputTests.Missing, "", "x", "yes", "-1", "0", "99999999999999999999999999", new string('a', 10 * 1024), "a\0b@example.test", "a\u0001b@example.test", "ünï©ødé 🎵 \u202e", "../../../etc/passwd"];

    [Fact]
    public async Task No_page_handler_answers_hostile_input_with_a_server_error_and_a_refusal_writes_nothing()
    {
        await new PledgeKit(App).AddStationAsync();
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await Accounts.SignedInClientAsync(App, "hostile-pages@example.test", "Listener");
        var tokens = new Dictionary<HttpClient, string> { [anonymous] = await TokenAsync(anonymous), [signedIn] = await TokenAsync(signedIn) };
        var handlers = Handlers().ToList();
        Assert.Contains(handlers, h => h.Route == "/stations/{slug}" && h.Name == "Pay");
        Assert.Contains(handlers, h => h.Route == "/me/giving" && h.Name == "Cancel");

        var failures = new List<string>();
        foreach (var handler in handlers)
        {
            var client = handler.Page.GetCustomAttribute<AuthorizeAttribute>() is null ? anonymous : signedIn;
            var before = await TableRows.CountAsync(App);
            var results = await TableRows.InParallelAsync(Cases(handler), async c =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(handler.Method), c.Url);
                if (handler.Method == "POST")
                {
                    c.Form["__RequestVerificationToken"] = tokens[client];
                    request.Content = new FormUrlEncodedContent(c.Form);
                }

                request.Headers.Accept.ParseAdd("text/html");
                using var response = await client.SendAsync(request);
                return (c.Name, Status: (int)response.StatusCode, Location: response.Headers.Location?.ToString(), Body: await response.Content.ReadAsStringAsync());
            });
            var at = $"{handler.Method} {handler.Route} {handler.Name}";
            failures.AddRange(results.Where(r => r.Status >= 500).Select(r => $"{at} {r.Name} -> {r.Status}"));

            // Sign-in and access-denied redirects are refusals too; any other redirect means the handler went on.
            if (results.All(r => r.Location is null || r.Location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) || r.Location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)))
            {
                var after = await TableRows.CountAsync(App);
                failures.AddRange(TableRows.Changes(before, after).Select(change => $"{at}: refused, yet {change}"));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} hostile page requests were mishandled:\n{string.Join('\n', failures.Distinct().Take(200))}");
    }

    private sealed record Handler(Type Page, string Route, string Method, string Name, IReadOnlyList<(string Field, Type Type)> Fields, IReadOnlyList<string> RouteValues);

    private IEnumerable<Handler> Handlers()
    {
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .ToDictionary(g => g.Key, g => "/" + g.First().RoutePattern.RawText!.TrimStart('/'));
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract);
        foreach (var page in pages)
        {
            var viewPath = page.FullName!["EmanciPay.Web.Pages".Length..].Replace('.', '/')[..^"Model".Length];
            if (!routes.TryGetValue(viewPath, out var route))
            {
                continue;
            }

            var routeValues = RouteParameter().Matches(route).Select(m => m.Groups[1].Value).ToList();
            var bound = page.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null).SelectMany(p => Flatten(p.Name, p.PropertyType)).ToList();
            foreach (var method in page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (HandlerName().Match(method.Name) is not { Success: true } match)
                {
                    continue;
                }

                var parameters = method.GetParameters()
                    .Where(p => p.ParameterType != typeof(CancellationToken) && !routeValues.Contains(p.Name!, StringComparer.OrdinalIgnoreCase))
                    .Select(p => (p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!, p.ParameterType));
                yield return new Handler(page, route, match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value, [.. bound, .. parameters], routeValues);
            }
        }
    }

    // "Form" of a class type becomes "Form.Email", "Form.Anonymous" and so on, as the form posts them.
    private static IEnumerable<(string, Type)> Flatten(string name, Type type) =>
        type == typeof(string) || type.IsValueType
            ? [(name, type)]
            : type.GetProperties().Where(p => p.CanWrite).Select(p => ($"{name}.{p.Name}", p.PropertyType));

    private static IEnumerable<(string Name, string Url, Dictionary<string, string> Form)> Cases(Handler handler)
    {
        string Url(Func<string, string> routeValue)
        {
            var url = RouteParameter().Replace(handler.Route, m => Uri.EscapeDataString(routeValue(m.Groups[1].Value)));
            return handler.Name.Length == 0 ? url : $"{url}?handler={handler.Name}";
        }

        Dictionary<string, string> Form() => handler.Fields.ToDictionary(f => f.Field, f => Baseline(f.Field, f.Type));
        var baselineUrl = Url(name => name == "slug" ? "kexp-fm" : Guid.NewGuid().ToString());

        foreach (var routeValue in handler.RouteValues)
        {
            foreach (var value in HostileInputTests.UrlValues)
            {
                yield return ($"{routeValue}='{value[..Math.Min(value.Length, 30)]}'", Url(name => name == routeValue ? value : name == "slug" ? "kexp-fm" : Guid.NewGuid().ToString()), Form());
            }
        }

        foreach (var (field, _) in handler.Fields)
        {
            foreach (var value in FormValues)
            {
                var form = Form();
                if (value == HostileInputTests.Missing)
                {
                    form.Remove(field);
                }
                else
                {
                    form[field] = value;
                }

                var url = handler.Method == "GET" ? $"{baselineUrl}{(baselineUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{string.Join('&', form.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"))}" : baselineUrl;
                yield return ($"{field}='{value[..Math.Min(value.Length, 30)]}'", url, form);
            }
        }
    }

    private static string Baseline(string field, Type type) => field switch
    {
        _ when type == typeof(bool) => "false",
        _ when type == typeof(Guid) => Guid.NewGuid().ToString(),
        _ when field.EndsWith("Email", StringComparison.Ordinal) => "nobody@example.test",
        _ when field.Contains("Password", StringComparison.Ordinal) => Accounts.Password,
        _ when field.EndsWith("Choice", StringComparison.Ordinal) => "1000",
        _ when field.EndsWith("IdempotencyKey", StringComparison.Ordinal) => Guid.NewGuid().ToString("N"),
        _ => "text",
    };

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/stations/kexp-fm"));
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();
}
