using System.Net;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.IntegrationTests.Web;

namespace EmanciPay.IntegrationTests.Features.Proofs;

/// <summary>
/// Checking a proof is public, so every check counts against its client's limit, the API and the page together, found
/// or not: nobody can try tokens by the million. Past the limit the answer is 429 problem+json with Retry-After, and
/// only for that client: the limit is per client address (as the known proxy forwards it).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProofCheckRateLimitTests(PostgresFixture fixture, StrictApp strict) : IntegrationTest(fixture), IClassFixture<StrictApp>
{
    [Fact]
    public async Task Checks_past_the_limit_are_refused_with_429_problem_json_and_another_client_is_unaffected()
    {
        using var guesser = Client("203.0.113.40");
        using var neighbour = Client("203.0.113.41");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < StrictApp.ProofChecksPerMinute; i++)
        {
            allowed.Add((await guesser.GetAsync(i % 2 == 0 ? $"/api/v1/proofs/{LinkTokens.New()}" : $"/proofs/{LinkTokens.New()}")).StatusCode);
        }

        var api = await guesser.GetAsync($"/api/v1/proofs/{LinkTokens.New()}");
        var page = await guesser.GetAsync($"/proofs/{LinkTokens.New()}");

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.NotFound, status));
        foreach (var refused in new[] { api, page })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A refused check says when to try again.");
            Assert.Contains("\"status\":429", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/proofs/{LinkTokens.New()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/proofs/{LinkTokens.New()}")).StatusCode);
    }

    private HttpClient Client(string forwardedFor)
    {
        var client = strict.Client(App);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}
