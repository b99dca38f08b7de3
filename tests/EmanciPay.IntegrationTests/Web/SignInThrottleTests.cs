using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// Guessing is slowed per account and per client address, with 429 and Retry-After; no account is ever locked, so a
/// stranger typing wrong passwords cannot keep its owner out. Clients are told apart by the address their proxy
/// forwards, from the known proxy only.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SignInThrottleTests(PostgresFixture fixture, StrictApp strict) : IntegrationTest(fixture), IClassFixture<StrictApp>
{
    private const int AllowedFailures = 5;

    [Fact]
    public async Task A_stranger_guessing_is_throttled_and_the_owner_still_signs_in_from_elsewhere()
    {
        await Accounts.CreateAsync(App, "victim@example.test", Roles.Listener);
        using var attacker = Client("203.0.113.10");
        using var owner = Client("198.51.100.10");

        var guesses = new List<HttpResponseMessage>();
        for (var i = 0; i <= AllowedFailures; i++)
        {
            guesses.Add(await SignInAsync(attacker, "victim@example.test", $"guess number {i} wrong"));
        }

        var rightPasswordFromAttacker = await SignInAsync(attacker, "victim@example.test", Accounts.Password);
        var ownerSignsIn = await SignInAsync(owner, "victim@example.test", Accounts.Password);

        Assert.All(guesses.Take(AllowedFailures), g => Assert.Equal(HttpStatusCode.OK, g.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[^1].StatusCode);
        Assert.True(guesses[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero, "A throttled answer says when to try again.");
        Assert.Contains("Too many attempts", await guesses[^1].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordFromAttacker.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_is_throttled_exactly_like_a_real_account()
    {
        await Accounts.CreateAsync(App, "real@example.test", Roles.Listener);
        using var client = Client("203.0.113.11");

        async Task<(HttpStatusCode, string?, string)> LastOfGuessesAsync(string email)
        {
            HttpResponseMessage last = null!;
            for (var i = 0; i <= AllowedFailures; i++)
            {
                last = await SignInAsync(client, email, $"guess number {i} wrong");
            }

            var page = new HtmlParser().ParseDocument(await last.Content.ReadAsStringAsync());
            return (last.StatusCode, last.Headers.RetryAfter?.ToString(), page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "");
        }

        var real = await LastOfGuessesAsync("real@example.test");
        var unknown = await LastOfGuessesAsync("unknown@example.test");

        Assert.Equal(HttpStatusCode.TooManyRequests, real.Item1);
        Assert.Equal(real, unknown);
    }

    [Fact]
    public async Task The_api_sign_in_is_throttled_with_429_and_retry_after()
    {
        await Accounts.CreateAsync(App, "script@example.test", Roles.Listener);
        using var client = Client("203.0.113.12");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= AllowedFailures; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/identity/login", new { email = "script@example.test", password = $"guess number {i} wrong" }));
        }

        Assert.All(answers.Take(AllowedFailures), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal("application/problem+json", answers[^1].Content.Headers.ContentType?.MediaType);
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_sign_in_limit_counts_form_posts_not_page_views()
    {
        using var client = Client("203.0.113.13");

        var views = new List<HttpResponseMessage>();
        for (var i = 0; i < StrictApp.SignInsPerMinute * 2; i++)
        {
            views.Add(await client.GetAsync("/account/login"));
        }

        var posts = new List<HttpStatusCode>();
        for (var i = 0; i <= StrictApp.SignInsPerMinute; i++)
        {
            posts.Add((await client.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);
        }

        Assert.All(views, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, posts[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, posts.Take(StrictApp.SignInsPerMinute));
    }

    [Fact]
    public async Task Behind_the_known_proxy_each_forwarded_client_has_its_own_limit()
    {
        using var first = Client("203.0.113.14");
        using var second = Client("203.0.113.15");

        var firstAnswers = await PostsAsync(first, StrictApp.SignInsPerMinute + 1);
        var secondAnswer = await PostsAsync(second, 1);

        Assert.Equal(HttpStatusCode.TooManyRequests, firstAnswers[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, secondAnswer[0]);
    }

    [Fact]
    public async Task A_forwarded_address_from_anyone_but_the_known_proxy_is_ignored()
    {
        using var client = Client(forwardedFor: null);
        client.DefaultRequestHeaders.Add(StrictApp.PeerHeader, "192.0.2.77");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= StrictApp.SignInsPerMinute; i++)
        {
            // A new made-up address each time would mean a new limit each time, if it were believed.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password") { Content = new FormUrlEncodedContent(new Dictionary<string, string>()) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{100 + i}");
            answers.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task The_station_page_pay_button_is_rate_limited()
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = Client("203.0.113.16");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/stations/kexp-fm"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= StrictApp.PledgesPerMinute; i++)
        {
            // Not a valid pledge (no email): the limit counts before the handler looks at it, and nothing is charged.
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Form.Choice"] = "1000" });
            answers.Add((await client.PostAsync("/stations/kexp-fm?handler=Pay", form)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(StrictApp.PledgesPerMinute));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task A_person_refused_for_too_many_posts_gets_the_sites_page_not_json()
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = Client("203.0.113.21");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/stations/kexp-fm"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        HttpResponseMessage answer = new();
        for (var i = 0; i <= StrictApp.PledgesPerMinute; i++)
        {
            answer = await client.PostAsync("/stations/kexp-fm?handler=Pay", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Form.Choice"] = "1000" }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("/api/v1/me/card", "203.0.113.17")]
    [InlineData("/api/v1/pledges/{unknown}/checkout", "203.0.113.18")]
    [InlineData("/me/basket?handler=Card", "203.0.113.19")]
    [InlineData("/me/giving?handler=Checkout&pledgeId={unknown}", "203.0.113.20")]
    public async Task Every_request_that_opens_a_Stripe_page_is_rate_limited(string url, string address)
    {
        await Accounts.CreateAsync(App, $"opener-{address}@example.test", Roles.Listener);
        using var client = Client(address);
        url = url.Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        Func<Task<HttpResponseMessage>> post;
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email = $"opener-{address}@example.test", password = Accounts.Password });
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            post = () => client.PostAsync(url, null);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, $"opener-{address}@example.test", Accounts.Password)).StatusCode);
            var token = new HtmlParser().ParseDocument(await client.GetStringAsync(url.Split('?')[0])).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            post = () => client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= StrictApp.PledgesPerMinute; i++)
        {
            answers.Add((await post()).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(StrictApp.PledgesPerMinute));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    private HttpClient Client(string? forwardedFor)
    {
        var client = strict.Client(App, cookies: true);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Accounts.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<List<HttpStatusCode>> PostsAsync(HttpClient client, int count)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            answers.Add((await client.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);
        }

        return answers;
    }
}
