using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace EmanciPay.Web.Pages.Dev;

/// <summary>Development only: the mail the app would have sent, read from the mail folder.</summary>
public sealed class MailModel(IWebHostEnvironment environment, IServiceProvider services) : PageModel
{
    public IReadOnlyList<MimeMessage> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!(environment.IsDevelopment() || environment.IsEnvironment("Testing")) || services.GetService<SentMail>() is not { } sentMail)
        {
            return NotFound();
        }

        Messages = sentMail.Read();
        return Page();
    }
}
