using EmanciPay.Application.Common;
using Microsoft.AspNetCore.Components;

namespace EmanciPay.Infrastructure.Mail.Templates;

/// <summary>
/// The Razor component that renders one kind of mail. A template declares which by inheriting this
/// (<c>@inherits MailTemplate&lt;ReceiptMail&gt;</c>), and <see cref="MailRenderer"/> finds it by that.
/// </summary>
public abstract class MailTemplate<TMail> : ComponentBase
    where TMail : MailMessage
{
    [Parameter, EditorRequired]
    public TMail Mail { get; set; } = null!;
}
