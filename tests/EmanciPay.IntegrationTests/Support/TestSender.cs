using System.Reflection;
using System.Security.Claims;
using EmanciPay.Application.Common;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>
/// Who a test sends a message as: the system (a scope as jobs open it), or a person, as the request's user would be:
/// anonymous, or signed in with Identity's claims (id, roles, amr=mfa after a second factor).
/// </summary>
public sealed record TestSender(ClaimsPrincipal? User)
{
    public static TestSender System { get; } = new((ClaimsPrincipal?)null);

    public static TestSender Anonymous { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()));

    /// <summary>Finance and admin staff signed in with a second factor: who may send what only people may.</summary>
    public static TestSender Staff { get; } = SignedIn("test-staff", twoFactor: true, Roles.Finance, Roles.Admin);

    public static TestSender SignedIn(string userId, bool twoFactor, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (twoFactor)
        {
            claims.Add(new Claim("amr", "mfa"));
        }

        return new TestSender(new ClaimsPrincipal(new ClaimsIdentity(claims, "Identity.Application")));
    }

    /// <summary>The system when the message allows it, as its job would send it; otherwise staff.</summary>
    public static TestSender AllowedFor(object message) =>
        message.GetType().GetCustomAttribute<AllowedForAttribute>()?.Senders.Contains(Sender.System) == true ? System : Staff;
}
