using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>POST /api/v1/pledges: validation, idempotency keys, Stripe failures; each checked against the database afterwards.</summary>
public abstract class CreatePledgeTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_pledge_returns_201_with_the_fee_and_what_the_station_receives_and_a_checkout_address()
    {
        await Kit.AddStationAsync();

        var response = await Kit.PostPledgeAsync(PledgeKit.Body(1000));
        var pledge = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("pending", pledge.GetProperty("status").GetString());
        Assert.Equal((1000, 59, 941), (pledge.GetProperty("amount").GetInt64(), pledge.GetProperty("fee").GetInt64(), pledge.GetProperty("netToStation").GetInt64()));
        Assert.StartsWith("http://localhost/stripe-emulator/pay/cs_test_", pledge.GetProperty("checkoutUrl").GetString(), StringComparison.Ordinal);
        var row = await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        Assert.Equal((PledgeStatus.Pending, 1000L, "listener@example.test"), (row.Status, row.ChargeAmount, row.Email));
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task A_station_not_found_is_not_remembered_so_it_can_be_pledged_to_as_soon_as_it_is_listed()
    {
        var before = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "before-listing");
        await Kit.AddStationAsync();
        var after = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "after-listing");

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.True((await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("station", out _));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(1, await Kit.CountAsync<Pledge>());
    }

    [Fact]
    public async Task Covering_the_fee_charges_enough_that_the_station_receives_the_whole_pledge()
    {
        await Kit.AddStationAsync();

        var pledge = await Kit.PledgeAsync(1000, coverFee: true);
        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(1061, pledge.GetProperty("charged").GetInt64());
        Assert.Equal(1000, pledge.GetProperty("netToStation").GetInt64());
        Assert.Equal(1000, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_same_pledge_and_another_body_is_refused()
    {
        await Kit.AddStationAsync();

        var first = await Kit.PledgeAsync(1000, key: "same");
        var replay = await Kit.PledgeAsync(1000, key: "same");
        var other = await Kit.PostPledgeAsync(PledgeKit.Body(2000), "same");

        Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("checkoutUrl").GetString(), replay.GetProperty("checkoutUrl").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("same", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Kit.CountAsync<Pledge>());
    }

    [Fact]
    public async Task While_the_first_request_is_at_stripe_the_same_key_gets_409_or_422_and_a_retry_afterwards_replays()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Faults.Latency = TimeSpan.FromSeconds(2);

        var first = Kit.PostPledgeAsync(PledgeKit.Body(1000), "slow");
        await PledgeKit.WaitForAsync(async () => await Kit.CountAsync<IdempotentRequest>() == 1);
        var duplicate = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "slow");
        var other = await Kit.PostPledgeAsync(PledgeKit.Body(2000), "slow");
        var created = await first;
        var retry = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "slow");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency_key_in_use", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var (firstBody, retryBody) = (await created.Content.ReadFromJsonAsync<JsonElement>(), await retry.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(firstBody.GetProperty("id").GetGuid(), retryBody.GetProperty("id").GetGuid());
        Assert.Equal(firstBody.GetProperty("checkoutUrl").GetString(), retryBody.GetProperty("checkoutUrl").GetString());
        Assert.Equal(1, await Kit.CountAsync<Pledge>());
    }

    [Fact]
    public async Task A_key_left_in_flight_by_a_request_that_died_is_409_until_its_hold_expires_then_a_retry_takes_it_over()
    {
        await Kit.AddStationAsync();
        var first = await Kit.PledgeAsync(1000, key: "orphaned");

        // As if the process had been killed during the Stripe call: the key is claimed, and no response was recorded.
        await LeaveInFlightAsync(heldFor: TimeSpan.FromMinutes(4));
        var whileHeld = await Kit.PostPledgeAsync(PledgeKit.Body(1000), "orphaned");
        await LeaveInFlightAsync(heldFor: TimeSpan.FromMinutes(-1));
        var takenOver = await Kit.PledgeAsync(1000, key: "orphaned");
        var replay = await Kit.PledgeAsync(1000, key: "orphaned");

        Assert.Equal(HttpStatusCode.Conflict, whileHeld.StatusCode);
        Assert.NotEqual(first.GetProperty("id").GetGuid(), takenOver.GetProperty("id").GetGuid());
        Assert.Equal(takenOver.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        Assert.Equal(1, await Kit.CountAsync<IdempotentRequest>());
    }

    private Task<int> LeaveInFlightAsync(TimeSpan heldFor) => App.WithScopeAsync(sp =>
    {
        var heldUntil = sp.GetRequiredService<TimeProvider>().GetUtcNow() + heldFor;
        return sp.GetRequiredService<IAppDbContext>().IdempotentRequests.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ResponseJson, (string?)null)
            .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.HeldUntil, heldUntil));
    });

    [Fact]
    public async Task A_stripe_500_when_creating_the_checkout_is_retried_and_the_pledge_still_works()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Faults.FailNext(1, 500);

        var pledge = await Kit.PledgeAsync(1000);
        var thanks = await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(1, App.Factory.Emulator.Faults.Served);
        Assert.NotNull(thanks);
        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task When_stripe_keeps_failing_the_listener_gets_an_error_and_nothing_is_half_written()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Faults.FailNext(3, 500);

        var response = await Kit.PostPledgeAsync(PledgeKit.Body(1000));

        // A 502 asking to try again, never a 500: Stripe is down, not us.
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Kit.CountAsync<Pledge>());
        Assert.Equal(0, await Kit.CountAsync<IdempotentRequest>());
        Assert.Equal(HttpStatusCode.Created, (await Kit.PostPledgeAsync(PledgeKit.Body(1000))).StatusCode);
    }

    public static TheoryData<string, string, string> InvalidRequests => new()
    {
        { "zero amount", """{"station":"kexp-fm","amount":0,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "negative amount", """{"station":"kexp-fm","amount":-500,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "above the maximum", """{"station":"kexp-fm","amount":1000001,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "non-integer amount", """{"station":"kexp-fm","amount":10.5,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "amount as text", """{"station":"kexp-fm","amount":"ten","currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "missing amount", """{"station":"kexp-fm","currency":"usd","frequency":"one_time","email":"a@example.test"}""", "amount" },
        { "unknown station", """{"station":"wxyz-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "station" },
        { "unsupported currency", """{"station":"kexp-fm","amount":1000,"currency":"xyz","frequency":"one_time","email":"a@example.test"}""", "currency" },
        { "501-character message", $$"""{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"a@example.test","message":"{{new string('m', 501)}}"}""", "message" },
        { "unknown frequency", """{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"weekly","email":"a@example.test"}""", "frequency" },
        { "guest monthly", """{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"monthly","email":"a@example.test"}""", "frequency" },
        { "bad email", """{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"not-an-email"}""", "email" },
        { "email the mailer cannot parse", """{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"<script>@x.org"}""", "email" },
        { "email with a display name", """{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"Bob <bob@example.test>"}""", "email" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_pledges_are_400_problem_json_naming_the_field_and_write_nothing(string because, string json, string field)
    {
        await Kit.AddStationAsync();

        var response = await Kit.PostRawAsync(json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{because}: expected an error for '{field}', got {errors}");
        Assert.Equal(0, await Kit.CountAsync<Pledge>());
        Assert.Equal(0, await Kit.CountAsync<IdempotentRequest>());
    }

    [Fact]
    public async Task Malformed_json_and_a_missing_idempotency_key_are_400_problem_json()
    {
        await Kit.AddStationAsync();

        var malformed = await Kit.PostRawAsync("""{"station":"kexp-fm","amount":""");
        var noKey = await Kit.PostPledgeAsync(PledgeKit.Body(1000), idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.True((await noKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await Kit.CountAsync<Pledge>());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CreatePledgeOnPostgresTests(PostgresFixture fixture) : CreatePledgeTests(fixture)
{
    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_pledge_and_one_checkout_and_the_others_are_told_it_is_in_progress()
    {
        await Kit.AddStationAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Kit.PostPledgeAsync(PledgeKit.Body(1000), "racing-key"))));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.NotEmpty(created);
        Assert.Single(bodies.Select(b => b.GetProperty("id").GetGuid()).Distinct());
        Assert.Single(bodies.Select(b => b.GetProperty("checkoutUrl").GetString()).Distinct());
        Assert.Equal(1, await Kit.CountAsync<Pledge>());
        Assert.Equal(1, await Kit.CountAsync<IdempotentRequest>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CreatePledgeOnSqliteTests(SqliteFixture fixture) : CreatePledgeTests(fixture);
