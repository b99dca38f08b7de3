using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages;

/// <summary>The finance home: what each finance page is for, and a link to it.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
