using System.Security.Claims;
using EmanciPay.Application.Common;

namespace EmanciPay.Web.Security;

/// <summary>The request's user, as the sign-in cookie or bearer token says; anonymous outside a request.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    private ClaimsPrincipal? User => http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsSystem => false;

    // Identity marks a sign-in that passed the second factor with the amr claim "mfa".
    public bool SignedInWithTwoFactor => User?.HasClaim("amr", "mfa") == true;

    public bool IsInRole(string role) => User?.IsInRole(role) == true;
}
