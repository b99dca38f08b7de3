using System.Collections.Frozen;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Mail.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EmanciPay.Infrastructure.Mail;

/// <summary>
/// Renders a mail from the Razor template made for its type (a <see cref="MailTemplate{TMail}"/>) with ASP.NET Core's
/// <see cref="HtmlRenderer"/>: the HTML part as rendered, the subject from its title, and the plain-text part read
/// from its body, so both parts always say the same.
/// </summary>
public sealed class MailRenderer(MailOptions options, IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    /// <summary>Each kind of mail and its template, found by the type each template inherits.</summary>
    public static FrozenDictionary<Type, Type> Templates { get; } = typeof(MailRenderer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(MailTemplate<>))
        .ToFrozenDictionary(t => t.BaseType!.GenericTypeArguments[0]);

    public async Task<MimeMessage> RenderAsync(MailMessage message)
    {
        var template = Templates.GetValueOrDefault(message.GetType())
            ?? throw new InvalidOperationException($"No mail template renders {message.GetType().Name}.");
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MailTemplate<>.Mail)] = message });
        // A scope of its own: the renderer resolves scoped services, which the root provider refuses where scopes are
        // validated (Development), and a singleton mailer has no request scope to lend.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync(template, parameters)).ToHtmlString());
        using var document = new HtmlParser().ParseDocument(html);

        var subject = document.Title is { Length: > 0 } title ? title : throw new InvalidOperationException($"{template.Name} renders no title, the mail's subject.");
        var mime = new MimeMessage { Subject = subject };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailAddresses.Parse(message.To));
        mime.Body = new BodyBuilder { HtmlBody = html, TextBody = PlainText.From(document.Body!) }.ToMessageBody();
        return mime;
    }
}
