using EmanciPay.Domain.Terms;

namespace EmanciPay.Application.Features.Terms;

/// <summary>The words the API and forms use for the listener's two choices.</summary>
public static class TermChoices
{
    public static readonly IReadOnlyList<string> Displays = ["show-name", "anonymous"];

    public static readonly IReadOnlyList<string> Contacts = ["email-or-post", "email-only", "none"];

    public static string Name(DisplayChoice display) => display == DisplayChoice.Anonymous ? "anonymous" : "show-name";

    public static string Name(ContactChoice contact) => contact switch
    {
        ContactChoice.EmailOrPost => "email-or-post",
        ContactChoice.None => "none",
        _ => "email-only",
    };

    public static DisplayChoice Display(string name) => name == "anonymous" ? DisplayChoice.Anonymous : DisplayChoice.ShowName;

    public static ContactChoice Contact(string name) => name switch
    {
        "email-or-post" => ContactChoice.EmailOrPost,
        "none" => ContactChoice.None,
        _ => ContactChoice.EmailOnly,
    };
}
