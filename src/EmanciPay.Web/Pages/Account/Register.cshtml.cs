using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace EmanciPay.Web.Pages.Account;

/// <summary>A listener creates an account and confirms the email address before signing in.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class RegisterModel(UserManager<AppUser> users, IEmailSender<AppUser> mail) : PageModel
{
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

        var user = new AppUser { UserName = Input.Email, Email = Input.Email };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded)
        {
            await users.AddToRoleAsync(user, Roles.Listener);
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var link = Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId = user.Id, code = token, returnUrl = ReturnUrl }, protocol: Request.Scheme)!;
            await mail.SendConfirmationLinkAsync(user, Input.Email, HtmlEncoder.Default.Encode(link));
        }
        else if (!created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", error.Description);
            }

            return Page();
        }

        // The same answer whether or not the address already had an account, so the form does not reveal who is registered.
        return RedirectToPage("/Account/RegisterConfirmation");
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Choose a password of at least 12 characters: a few words make a good one.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }
}
