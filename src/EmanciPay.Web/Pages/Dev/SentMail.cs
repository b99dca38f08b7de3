using MimeKit;

namespace EmanciPay.Web.Pages.Dev;

/// <summary>
/// The mail written to the development mail folder, newest first. Registered by the composition only when mail goes
/// to a folder, so the page need not know where that folder lives.
/// </summary>
public sealed class SentMail(Func<IReadOnlyList<MimeMessage>> read)
{
    public IReadOnlyList<MimeMessage> Read() => read();
}
