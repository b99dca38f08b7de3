using System.Collections.Frozen;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Web.Security;

/// <summary>
/// Refuses passwords that attackers try first (ASVS V2.1.7): the 49,193 most common passwords of leaked password
/// dumps, shipped with the app as common-passwords.txt (lower case, from @zxcvbn-ts/language-common 4.1.3, MIT, which
/// took them from Mark Burnett's ten million leaked passwords), also with digits or punctuation added around them
/// ("password1234", "Dragon2024!"); and control characters, which no keyboard types and which a form can smuggle in.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Any(char.IsControl))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordHasControlCharacters",
                Description = "A password cannot contain control characters (such as tabs or NUL).",
            }));
        }

        return Task.FromResult(IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "That password is one of the most common ones, which attackers try first: choose another, a few unrelated words make a good one.",
            })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim(" 0123456789!@#$%^&*()-_=+.,;:?'\"/\\|[]{}<>~`".ToCharArray());
        return Common.Contains(lower) || core.Length == 0 || Common.Contains(core);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("EmanciPay.Web.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);
    }
}
