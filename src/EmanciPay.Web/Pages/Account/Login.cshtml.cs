using System.ComponentModel.DataAnnotations;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>
/// Signing in. Whether the address has an account is never told: an unknown address, a wrong password and an
/// unconfirmed account with a wrong password get the same answer in the same time (<see cref="NoEnumerationSignInManager"/>).
/// </summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    public const string NoMatch = "That email and password do not match an account.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (throttle.RetryAfter(Input.Email, HttpContext) is { } wait)
        {
            ModelState.AddModelError(string.Empty, SignInThrottle.Refuse(HttpContext, wait));
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        // Said only to whoever typed the right password: the sign-in manager checks it first.
        if (result.IsNotAllowed)
        {
            ModelState.AddModelError(string.Empty, "Confirm your email address first: open the link we sent you.");
            return Page();
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, "This account is suspended. Write to us to have it opened again.");
            return Page();
        }

        throttle.Failed(Input.Email, HttpContext);
        ModelState.AddModelError(string.Empty, NoMatch);
        return Page();
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(1000)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
