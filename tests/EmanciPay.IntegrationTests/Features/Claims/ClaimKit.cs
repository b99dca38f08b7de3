using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Claims;

/// <summary>A claimant's and an admin's moves through the real HTTP surface: claim, confirm the mailed link, decide.</summary>
public sealed partial class ClaimKit(AppFixture app)
{
    public Task AddStationAsync(string callSign = "KEXP-FM", string name = "KEXP", string? website = "https://www.kexp.org") =>
        app.SendAsync(new ImportStations.Command([new ImportStations.Station(callSign, name, "90.3 FM", "Seattle", "WA", website)]));

    /// <summary>An unsafe API call with the cookie, carrying the antiforgery token as a browser's script would.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body = null)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ClaimAsync(HttpClient client, string slug = "kexp-fm", string email = "gm@kexp.org", string phone = "+1 206 555 0100", string? note = "I run the station.", bool? agreeToTerms = true) =>
        PostAsync(client, $"/api/v1/stations/{slug}/claims", new { email, phone, note, agreeToTerms });

    public static async Task<Guid> ClaimIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The token of the newest confirmation link mailed to <paramref name="to"/> (for <paramref name="claim"/> when given: the mail folder outlives each test).</summary>
    public async Task<(Guid Claim, string Token)> LinkMailedToAsync(string to, Guid? claim = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var links = app.Factory.Mail.Messages()
                .Where(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains("Confirm your claim", StringComparison.Ordinal))
                .Select(m => ConfirmLink().Match(m.HtmlBody ?? ""))
                .Where(l => l.Success && (claim is null || Guid.Parse(l.Groups[1].Value) == claim));
            if (links.FirstOrDefault() is { } link)
            {
                return (Guid.Parse(link.Groups[1].Value), WebUtility.HtmlDecode(link.Groups[2].Value));
            }

            Assert.True(DateTime.UtcNow < deadline, $"No confirmation link mailed to {to} within 20 seconds.");
            await Task.Delay(100);
        }
    }

    /// <summary>Follows the link and presses its button, as the claimant does.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid claim, string token) =>
        Accounts.PostFormAsync(client, $"/claims/{claim}/confirm?token={Uri.EscapeDataString(token)}", new() { ["Token"] = token });

    /// <summary>A listener account that has claimed the station and confirmed its address: the claim waits for an admin.</summary>
    public async Task<(HttpClient Client, Guid Claim)> PendingClaimAsync(string account, string email, string slug = "kexp-fm")
    {
        var client = await Accounts.SignedInClientAsync(app, account, Roles.Listener);
        var id = await ClaimIdAsync(await ClaimAsync(client, slug, email));
        var (_, token) = await LinkMailedToAsync(email, id);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(client, id, token)).StatusCode);
        return (client, id);
    }

    public Task<StationClaim> ClaimRowAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationClaims.AsNoTracking().SingleAsync(c => c.Id == id));

    public Task<int> ClaimCountAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationClaims.CountAsync());

    public Task<Recipient> StationAsync(string slug = "kexp-fm") =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Recipients.AsNoTracking().SingleAsync(r => r.Slug == slug));

    public Task<AppUser> UserAsync(string email) =>
        app.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!);

    public Task<bool> IsInRoleAsync(string email, string role) =>
        app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
        });

    [GeneratedRegex("""/claims/([0-9a-f-]{36})/confirm\?token=([^"&<\s]+)""")]
    private static partial Regex ConfirmLink();
}
