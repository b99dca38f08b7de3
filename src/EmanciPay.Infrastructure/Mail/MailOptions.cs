namespace EmanciPay.Infrastructure.Mail;

/// <summary>The "Mail" section. With no Smtp:Host, mail is written to Folder instead of being sent.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "EmanciPay <no-reply@emancipay.local>";

    /// <summary>Where unsent mail is written (relative to the app's content root).</summary>
    public string Folder { get; set; } = "mail";

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public string? Username { get; set; }

        public string? Password { get; set; }

        /// <summary>STARTTLS on submission ports; never plain text to a remote server.</summary>
        public bool UseStartTls { get; set; } = true;
    }
}
