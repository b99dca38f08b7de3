using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>Confirmed accounts made through Identity, signed in through the real sign-in form.</summary>
public static class Accounts
{
    public const string Password = "correct horse battery 9";

    public static Task CreateAsync(AppFixture app, string email, string role) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return true;
    });

    public static async Task<HttpClient> SignedInClientAsync(AppFixture app, string email, string role)
    {
        await CreateAsync(app, email, role);
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A client of an existing account signed in with a bearer token, as the listener's own tools are (no cookie, no antiforgery).</summary>
    public static async Task<HttpClient> BearerClientAsync(AppFixture app, string email)
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A signed-in manager of the station with this slug, as an approved claim makes one.</summary>
    public static async Task<HttpClient> SignedInManagerAsync(AppFixture app, string email, string slug)
    {
        var client = await SignedInClientAsync(app, email, Roles.StationManager);
        await AssignManagerAsync(app, email, slug);
        return client;
    }

    /// <summary>Makes an existing user a manager of the station with this slug.</summary>
    public static Task AssignManagerAsync(AppFixture app, string email, string slug) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        if (!await users.IsInRoleAsync(user, Roles.StationManager))
        {
            Assert.True((await users.AddToRoleAsync(user, Roles.StationManager)).Succeeded);
        }

        var db = sp.GetRequiredService<IAppDbContext>();
        var station = await db.Recipients.SingleAsync(r => r.Slug == slug);
        db.StationManagers.Add(StationManagerAssignment.FromApprovedClaim(station.Id, user.Id, DateTimeOffset.UtcNow));
        return await db.SaveChangesAsync();
    });

    /// <summary>Finance or admin staff with an authenticator set up, signed in with both factors.</summary>
    public static async Task<HttpClient> SignedInStaffAsync(AppFixture app, string email, string role)
    {
        await CreateAsync(app, email, role);
        var key = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var password = await PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.StartsWith("/account/login-2fa", password.Headers.Location?.ToString(), StringComparison.Ordinal);
        var second = await PostFormAsync(client, password.Headers.Location!.ToString(), new() { ["Code"] = Totp.Now(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        return client;
    }

    /// <summary>Fetches the page's form for its antiforgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formUrl = null)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(formUrl ?? url));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Waits for the background job that mails <paramref name="to"/> (receipts go out through Hangfire).</summary>
    public static async Task<MimeMessage> MailToAsync(EmanciPayFactory factory, string to, string subjectContains)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var found = factory.Mail.Messages().FirstOrDefault(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains(subjectContains, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No mail to {to} about '{subjectContains}' within 20 seconds.");
    }
}
