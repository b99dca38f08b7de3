using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web;
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
        await HostileInputTests.ManagedStationAsync(App);
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await Accounts.SignedInClientAsync(App, "hostile-pages@example.test", "Listener");
        var manager = await Accounts.SignedInManagerAsync(App, "hostile-pages-manager@example.test", "kexp-fm");
        await Features.Payouts.PayoutKit.AgreeToTermsAsync(App, "hostile-pages-manager@example.test");
        var finance = await Accounts.SignedInStaffAsync(App, "hostile-pages-finance@example.test", Roles.Finance);
        var admin = await Accounts.SignedInStaffAsync(App, "hostile-pages-admin@example.test", Roles.Admin);
        HttpClient[] clients = [anonymous, signedIn, manager, finance, admin];
        var tokens = new Dictionary<HttpClient, string>();
        foreach (var client in clients)
        {
            tokens[client] = await TokenAsync(client);
        }

        var handlers = Handlers().ToList();
        Assert.Contains(handlers, h => h.Route == "/stations/{slug}" && h.Name == "Pay");
        Assert.Contains(handlers, h => h.Route == "/me/giving" && h.Name == "Cancel");
        Assert.Contains(handlers, h => h.Route == "/manage/{slug}/payouts" && h.Method == "POST");
        Assert.Contains(handlers, h => h.Route == "/finance/payouts" && h.Method == "POST");

        var failures = new List<string>();
        var sent = 0;
        foreach (var handler in handlers)
        {
            // Each page runs as the caller it is meant for, so hostile values get past authorization.
            var client = handler.Page.GetCustomAttribute<AuthorizeAttribute>() switch
            {
                null => anonymous,
                { Policy: WebSetup.StationManager } => manager,
                { Policy: WebSetup.Finance or WebSetup.FinanceOrAdmin } => finance,
                { Policy: WebSetup.Admin } => admin,
                _ => signedIn,
            };
            sent += await CheckAsync(handler, client, tokens[client], failures);
        }

        Assert.True(sent > 500, $"Only {sent} hostile page requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Distinct().Count()} hostile page requests were mishandled:\n{string.Join('\n', failures.Distinct().Take(200))}");
    }

    /// <summary>
    /// Sends each case of <paramref name="handler"/> a few at a time, then, one by one, those it refused again, with the
    /// tables counted around each. A post the handler did not go on with (a 4xx, the sign-in page, the form again) must
    /// say why on the page, unless the handler answers its valid baseline form the same way.
    /// </summary>
    private async Task<int> CheckAsync(Handler handler, HttpClient client, string token, List<string> failures)
    {
        var baseline = await SendAsync(client, token, handler, ("baseline", BaselineUrl(handler), BaselineForm(handler)));
        var cases = Cases(handler).ToList();
        var beforeAll = await TableRows.SettledCountAsync(App);
        var results = await TableRows.InParallelAsync(cases, async c => (Case: c, Answer: await SendAsync(client, token, handler, c)));
        var at = $"{handler.Method} {handler.Route} {handler.Name}";
        foreach (var (c, answer) in results)
        {
            if (answer.Status >= 500)
            {
                failures.Add($"{at} {c.Name} -> {answer.Status}");
            }
            else if (handler.Method == "POST" && answer.Status == 200 && !answer.ShowsValidationMessage && (baseline.Status != 200 || baseline.ShowsValidationMessage))
            {
                failures.Add($"{at} {c.Name} -> 200 with no validation message (the baseline form gets {baseline.Status})");
            }
        }

        if (handler.Method == "GET" || results.All(r => r.Answer.Refused))
        {
            failures.AddRange(TableRows.Changes(beforeAll, await TableRows.SettledCountAsync(App)).Select(change => $"{at}: every case refused (or only read), yet {change}"));
            return 1 + results.Count;
        }

        // Some went on (and may have written): the refused ones again, one by one, each between two counts of every table.
        var again = results.Where(r => r.Answer.Refused).Select(r => r.Case).ToList();
        var before = await TableRows.SettledCountAsync(App);
        foreach (var c in again)
        {
            var answer = await SendAsync(client, token, handler, c);
            var after = await TableRows.CountAsync(App);
            if (answer.Refused)
            {
                failures.AddRange(TableRows.Changes(before, after).Select(change => $"{at} {c.Name} -> {answer.Status}, yet {change}"));
            }

            before = after;
        }

        return 1 + results.Count + again.Count;
    }

    private static async Task<PageAnswer> SendAsync(HttpClient client, string token, Handler handler, (string Name, string Url, Dictionary<string, string> Form) c)
    {
        using var request = new HttpRequestMessage(new HttpMethod(handler.Method), c.Url);
        if (handler.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>(c.Form) { ["__RequestVerificationToken"] = token });
        }

        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location?.ToString();
        var showsValidationMessage = ValidationMessage().IsMatch(body);
        var refused = (int)response.StatusCode >= 400
            || (location is not null && (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) || location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)))
            || ((int)response.StatusCode == 200 && showsValidationMessage);
        return new PageAnswer((int)response.StatusCode, showsValidationMessage, refused);
    }

    /// <summary>An answer, whether the page says what is wrong, and whether the handler went no further.</summary>
    private sealed record PageAnswer(int Status, bool ShowsValidationMessage, bool Refused);

    private sealed record Handler(Type Page, string Route, string Method, string Name, IReadOnlyList<(string Field, Type Type)> Fields, IReadOnlyList<string> RouteValues);

    private IEnumerable<Handler> Handlers()
    {
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.AreaName + e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .ToDictionary(g => g.Key, g => "/" + g.First().RoutePattern.RawText!.TrimStart('/'));
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract);
        foreach (var page in pages)
        {
            // EmanciPay.Web.Pages.Stations.ClaimModel is /Stations/Claim; EmanciPay.Web.Areas.Station.Pages.Payouts.IndexModel is Station/Payouts/Index.
            var name = page.FullName!["EmanciPay.Web.".Length..];
            var area = name.StartsWith("Areas.", StringComparison.Ordinal) ? name.Split('.')[1] : "";
            if (!name.Contains(".Pages.", StringComparison.Ordinal) && !name.StartsWith("Pages.", StringComparison.Ordinal))
            {
                continue;
            }

            var viewPath = area + name[(name.IndexOf("Pages.", StringComparison.Ordinal) + "Pages".Length)..].Replace('.', '/')[..^"Model".Length];
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

    private static string Url(Handler handler, Func<string, string> routeValue)
    {
        var url = RouteParameter().Replace(handler.Route, m => Uri.EscapeDataString(routeValue(m.Groups[1].Value)));
        return handler.Name.Length == 0 ? url : $"{url}?handler={handler.Name}";
    }

    private static string BaselineRouteValue(string name) => name == "slug" ? "kexp-fm" : Guid.NewGuid().ToString();

    private static Dictionary<string, string> BaselineForm(Handler handler) => handler.Fields.ToDictionary(f => f.Field, f => Baseline(f.Field, f.Type));

    /// <summary>A GET handler's fields go in the query string, a POST handler's in the form.</summary>
    private static string BaselineUrl(Handler handler, Dictionary<string, string>? query = null)
    {
        var url = Url(handler, BaselineRouteValue);
        var fields = handler.Method == "GET" ? query ?? BaselineForm(handler) : [];
        return fields.Count == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"))}";
    }

    private static IEnumerable<(string Name, string Url, Dictionary<string, string> Form)> Cases(Handler handler)
    {
        foreach (var routeValue in handler.RouteValues)
        {
            foreach (var value in HostileInputTests.UrlValues)
            {
                yield return ($"{routeValue}='{value[..Math.Min(value.Length, 30)]}'", Url(handler, name => name == routeValue ? (value == HostileInputTests.Missing ? "" : value) : BaselineRouteValue(name)), BaselineForm(handler));
            }
        }

        foreach (var (field, _) in handler.Fields)
        {
            foreach (var value in FormValues)
            {
                var form = BaselineForm(handler);
                if (value == HostileInputTests.Missing)
                {
                    form.Remove(field);
                }
                else
                {
                    form[field] = value;
                }

                yield return ($"{field}='{value[..Math.Min(value.Length, 30)]}'", BaselineUrl(handler, form), form);
            }
        }
    }

    private static string Baseline(string field, Type type) => field switch
    {
        _ when type == typeof(bool) => "false",
        _ when type == typeof(Guid) => Guid.NewGuid().ToString(),
        _ when field.EndsWith("Email", StringComparison.Ordinal) => "hostile-nobody@example.test",
        _ when field.Contains("Password", StringComparison.Ordinal) => Accounts.Password,
        _ when field.EndsWith("Choice", StringComparison.Ordinal) => "1000",
        _ when field.EndsWith("Amount", StringComparison.Ordinal) => "12.50",
        _ when field.EndsWith("IdempotencyKey", StringComparison.Ordinal) => Guid.NewGuid().ToString("N"),
        _ when field.EndsWith("Fallback", StringComparison.Ordinal) => "",
        _ when field.EndsWith("Rate", StringComparison.Ordinal) || field.EndsWith("Cap", StringComparison.Ordinal) => "1",
        _ => "text",
    };

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/stations/kexp-fm"));
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [GeneratedRegex("""validation-summary-errors|field-validation-error|aria-invalid="true"|class="error" role="alert">[^<]""")]
    private static partial Regex ValidationMessage();

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();
}
