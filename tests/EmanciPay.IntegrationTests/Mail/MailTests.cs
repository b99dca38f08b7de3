using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Mail;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EmanciPay.IntegrationTests.Mail;

/// <summary>
/// Every mail is rendered from its Razor template as HTML with a plain-text part: amounts in the currency's own
/// minor digits, and what people typed (a station's name) encoded in the HTML and left as typed in the text.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MailTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Hostile = "<script>alert(1)</script> & Co";
    private static readonly DateTimeOffset PaidAt = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid PledgeId = Guid.Parse("0195a3c4-0000-7000-8000-000000000001");

    private MailRenderer Renderer => App.Factory.Services.GetRequiredService<MailRenderer>();

    [Fact]
    public async Task A_paid_pledge_s_receipt_has_both_parts_the_exact_amounts_and_the_station_s_name_encoded()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync("EVIL-FM", Hostile);
        var email = $"{Guid.NewGuid():N}@example.test";
        await kit.PayAsync(await PledgeKit.PostAsync(kit.Client, PledgeKit.Body(1000, station: "evil-fm", email: email)));

        var receipt = await Accounts.MailToAsync(App.Factory, email, "Your receipt");

        Assert.Equal($"Your receipt: $10.00 to {Hostile}", receipt.Subject);
        AssertBothParts(receipt);
        Assert.Contains("Charged to your card: $10.00", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("Card processing fee: $0.59", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Hostile} receives: $9.41", receipt.TextBody, StringComparison.Ordinal);
        AssertEncoded(receipt);
    }

    [Theory]
    [InlineData("jpy", 1000, 39, 961, "JPY 1,000", "JPY 39", "JPY 961")]
    [InlineData("kwd", 10_250, 300, 9_950, "KWD 10.250", "KWD 0.300", "KWD 9.950")]
    [InlineData("eur", 125_000, 3_655, 121_345, "EUR 1,250.00", "EUR 36.55", "EUR 1,213.45")]
    public async Task A_receipt_writes_amounts_with_its_currency_s_own_minor_digits(string currency, long charged, long fee, long net, string chargedText, string feeText, string netText)
    {
        var mail = await Renderer.RenderAsync(new SendReceipts.ReceiptMail(
            "listener@example.test", "KEXP", "KEXP-FM", StationClaimed: true, Monthly: false, currency, charged, charged, fee, net, PaidAt, PledgeId, CancelLink: null));

        Assert.Equal($"Your receipt: {chargedText} to KEXP", mail.Subject);
        AssertBothParts(mail);
        Assert.Contains($"Pledge: {chargedText} once", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Card processing fee: {feeText}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"KEXP receives: {netText}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Date: November 22, 2026", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Reference: {PledgeId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(feeText, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monthly_receipt_for_an_unclaimed_station_says_so_and_carries_its_cancel_link_in_both_parts()
    {
        var cancel = new Uri("https://emancipay.example/pledges/0195a3c4-0000-7000-8000-000000000001/cancel?token=a%2Bb%2F%3D");

        var mail = await Renderer.RenderAsync(new SendReceipts.ReceiptMail(
            "listener@example.test", Hostile, "EVIL-FM", StationClaimed: false, Monthly: true, "usd", 500, 545, 46, 499, PaidAt, PledgeId, cancel));

        AssertBothParts(mail);
        Assert.Contains("Pledge: $5.00 a month", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Hostile} has not claimed its escrow yet", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Cancel this monthly pledge: {cancel.AbsoluteUri}\n", mail.TextBody, StringComparison.Ordinal);
        var link = Assert.Single(Html(mail).QuerySelectorAll("a"));
        Assert.Equal(cancel.AbsoluteUri, link.GetAttribute("href"));
        AssertEncoded(mail);
    }

    [Fact]
    public async Task A_refund_notice_states_the_amount_refunded_and_encodes_the_station_s_name()
    {
        var mail = await Renderer.RenderAsync(new SendRefundNotice.RefundNoticeMail("listener@example.test", Hostile, 90, "usd", 1_234_567, PaidAt, PledgeId));

        Assert.Equal($"Your pledge to {Hostile} was refunded", mail.Subject);
        AssertBothParts(mail);
        Assert.Contains(
            $"{Hostile} did not claim the money held for it within 90 days, so your payment of $12,345.67 on November 22, 2026 has been refunded to your card in full.",
            mail.TextBody,
            StringComparison.Ordinal);
        Assert.Contains($"Reference: {PledgeId}", mail.TextBody, StringComparison.Ordinal);
        AssertEncoded(mail);
    }

    [Fact]
    public async Task Account_mails_carry_their_link_or_code_as_given_in_the_text_and_encoded_in_the_html()
    {
        const string link = "https://emancipay.example/account/confirm-email?userId=1&code=a-b_c&returnUrl=%2F";
        var mailer = new IdentityMailer(App.Factory.Mail);
        var confirmEmail = $"{Guid.NewGuid():N}@example.test";
        var resetEmail = $"{Guid.NewGuid():N}@example.test";
        var codeEmail = $"{Guid.NewGuid():N}@example.test";

        // As Identity hands them over: the links HTML-encoded.
        await mailer.SendConfirmationLinkAsync(new AppUser(), confirmEmail, System.Net.WebUtility.HtmlEncode(link));
        await mailer.SendPasswordResetLinkAsync(new AppUser(), resetEmail, System.Net.WebUtility.HtmlEncode(link));
        await mailer.SendPasswordResetCodeAsync(new AppUser(), codeEmail, "<b>123456</b>");
        var confirm = await Accounts.MailToAsync(App.Factory, confirmEmail, "Confirm your EmanciPay account");
        var reset = await Accounts.MailToAsync(App.Factory, resetEmail, "Reset your EmanciPay password");
        var code = await Accounts.MailToAsync(App.Factory, codeEmail, "Reset your EmanciPay password");

        foreach (var mail in new[] { confirm, reset })
        {
            AssertBothParts(mail);
            Assert.Contains($": {link}\n", mail.TextBody, StringComparison.Ordinal);
            Assert.Equal(link, Assert.Single(Html(mail).QuerySelectorAll("a")).GetAttribute("href"));
            Assert.Contains("&amp;code=", mail.HtmlBody, StringComparison.Ordinal);
        }

        AssertBothParts(code);
        Assert.Contains("Your password reset code is <b>123456</b>", code.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;123456&lt;/b&gt;", code.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_renders_where_scopes_are_validated_as_in_Development()
    {
        // Development validates scopes; the Testing environment does not, which hid every mail failing there.
        await using var strict = App.Factory.WithWebHostBuilder(b => b.UseDefaultServiceProvider(o => o.ValidateScopes = true));

        var mail = await strict.Services.GetRequiredService<MailRenderer>().RenderAsync(
            new SendRefundNotice.RefundNoticeMail("listener@example.test", "KEXP", 90, "usd", 1_000, PaidAt, PledgeId));

        Assert.Equal("Your pledge to KEXP was refunded", mail.Subject);
        AssertBothParts(mail);
    }

    [Fact]
    public void Every_kind_of_mail_has_a_template()
    {
        var kinds = new[] { typeof(MailMessage).Assembly, typeof(MailRenderer).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(MailMessage)) && !t.IsAbstract)
            .ToHashSet();

        Assert.Contains(typeof(SendReceipts.ReceiptMail), kinds);
        Assert.Equal(kinds.OrderBy(k => k.Name), MailRenderer.Templates.Keys.OrderBy(k => k.Name));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(MimeMessage mail) => new HtmlParser().ParseDocument(mail.HtmlBody ?? "");

    private static void AssertBothParts(MimeMessage mail)
    {
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.False(string.IsNullOrWhiteSpace(mail.TextBody));
        Assert.False(string.IsNullOrWhiteSpace(mail.HtmlBody));
        Assert.DoesNotMatch(@"</?(p|table|tr|th|td|a|strong|html|body)\b", mail.TextBody);
    }

    /// <summary>The HTML shows the hostile name as text: no script element, the markup escaped, and it reads back as typed.</summary>
    private static void AssertEncoded(MimeMessage mail)
    {
        var document = Html(mail);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Hostile, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Hostile, mail.TextBody, StringComparison.Ordinal);
    }
}
