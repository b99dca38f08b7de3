using FluentValidation;

namespace EmanciPay.Application.Common;

/// <summary>Rules for free text that is stored and mailed: PostgreSQL refuses NUL, and no mail header or page wants control characters.</summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> WithoutControlCharacters<T>(this IRuleBuilder<T, string?> rule, bool allowLineBreaks = false) =>
        rule.Must(text => text is null || !text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')))
            .WithMessage(allowLineBreaks ? "'{PropertyName}' must not contain control characters other than line breaks." : "'{PropertyName}' must not contain control characters.");
}
