using System.Net;
using System.Net.Http.Json;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Every claims page and endpoint refuses whoever may not use it: anonymous callers, listeners, admins without a second factor.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClaimsAuthorizationTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] AdminPages = ["/admin/claims", "/admin/stations"];

    private static readonly string[] SignedInPages = ["/claims", "/stations/kexp-fm/claim", "/stations/propose", .. AdminPages];

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_and_the_API_answers_401()
    {
        await new ClaimKit(App).AddStationAsync();
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var page in SignedInPages)
        {
            var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal), page);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/stations/kexp-fm/claims", new { email = "gm@kexp.org", phone = "+1 206 555 0100" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/admin/claims/{Guid.NewGuid()}/approve", null)).StatusCode);
        Assert.Equal(0, await new ClaimKit(App).ClaimCountAsync());
    }

    [Theory]
    [InlineData(Roles.Listener, false)]
    [InlineData(Roles.StationManager, false)]
    [InlineData(Roles.Finance, true)]
    [InlineData(Roles.Admin, false)]
    public async Task Listeners_managers_finance_and_admins_without_a_second_factor_are_refused_the_admin_pages_and_endpoints(string role, bool twoFactor)
    {
        var kit = new ClaimKit(App);
        await kit.AddStationAsync();
        var (_, claim) = await kit.PendingClaimAsync("gm@example.test", "gm@kexp.org");
        var client = twoFactor ? await Accounts.SignedInStaffAsync(App, "someone@example.test", role) : await Accounts.SignedInClientAsync(App, "someone@example.test", role);

        foreach (var page in AdminPages)
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal), $"{page}: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/claims?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimKit.PostAsync(client, $"/api/v1/admin/claims/{claim}/approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimKit.PostAsync(client, $"/api/v1/admin/claims/{claim}/reject", new { reason = "no" })).StatusCode);
        Assert.Equal(Domain.Recipients.StationClaimStatus.Pending, (await kit.ClaimRowAsync(claim)).Status);
        Assert.False((await kit.StationAsync()).IsClaimed);
    }

    [Fact]
    public async Task An_admin_sees_pending_claims_side_by_side_and_approves_on_the_page()
    {
        var kit = new ClaimKit(App);
        await kit.AddStationAsync();
        var (claimant, first) = await kit.PendingClaimAsync("one@example.test", "one@kexp.org");
        var (_, second) = await kit.PendingClaimAsync("two@example.test", "two@kexp.org");
        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);

        var page = await admin.GetStringAsync("/admin/claims");
        Assert.Contains("2 claims, side by side", page, StringComparison.Ordinal);
        Assert.Contains("one@kexp.org", page, StringComparison.Ordinal);
        Assert.Contains("two@kexp.org", page, StringComparison.Ordinal);

        var approved = await Accounts.PostFormAsync(admin, $"/admin/claims?handler=Approve&claim={first}", [], "/admin/claims");
        Assert.Contains("Approved", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Domain.Recipients.StationClaimStatus.Rejected, (await kit.ClaimRowAsync(second)).Status);
        Assert.Contains("Approved: you manage this station", await claimant.GetStringAsync("/claims"), StringComparison.Ordinal);
    }
}
