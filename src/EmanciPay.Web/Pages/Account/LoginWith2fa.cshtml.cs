using System.Text.RegularExpressions;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code. Guessing is throttled per account.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed partial class LoginWith2faModel(SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login");
        }

        var account = $"second-factor {user.Id}";
        if (throttle.RetryAfter(account, HttpContext) is { } wait)
        {
            ModelState.AddModelError(nameof(Code), SignInThrottle.Refuse(HttpContext, wait));
            return Page();
        }

        var code = Spaces().Replace(Code ?? "", "");
        var result = code.Length <= 8
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        throttle.Failed(account, HttpContext);
        ModelState.AddModelError(nameof(Code), "That code is not right. Enter the 6 digits your app shows now, or a recovery code.");
        return Page();
    }

    [GeneratedRegex(@"[\s-]")]
    private static partial Regex Spaces();
}
