using System.Reflection;
using NetArchTest.Rules;

namespace EmanciPay.ArchitectureTests;

internal static class Rules
{
    /// <summary>Passes, or fails naming the types that break the rule.</summary>
    public static void Holds(TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}; broken by: {string.Join(", ", result.FailingTypeNames ?? [])}");

    /// <summary>
    /// Fails when <paramref name="assembly"/> references any assembly whose name is one of <paramref name="forbidden"/>
    /// or starts with one of them followed by a dot: a reference the compiler kept is one some code uses, even where
    /// the namespace does not say so (EF's UseSqlite lives in Microsoft.EntityFrameworkCore).
    /// </summary>
    public static void ReferencesNone(Assembly assembly, params string[] forbidden)
    {
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var wrong = referenced.Where(name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal))).ToList();
        Assert.True(wrong.Count == 0, $"{assembly.GetName().Name} references {string.Join(", ", wrong)}");
    }

    /// <summary>The full names of the types <paramref name="assembly"/> defines, as NetArchTest names them (nested types after a slash).</summary>
    public static IEnumerable<string> TypeNames(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.Namespace is not null).Select(t => t.FullName!.Replace('+', '/'));
}
