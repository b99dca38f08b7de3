using System.Reflection;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Stripe.net form-encodes each request's options by reflection: the properties of every options object, then a
/// getter call on each. The runtime caches a type's properties (and the invoke stubs it compiles for their getters)
/// only while something holds them, and after a full collection builds and compiles them afresh; under load that was
/// a steady stream of JIT work on every Stripe call. Holding the properties of the options types the app sends, and
/// of the types nested in them, keeps that cache for the life of the process.
/// </summary>
internal static class StripeOptionsReflection
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<Type, PropertyInfo[]> Held = [];

    public static void Hold(params Type[] optionsTypes)
    {
        lock (Gate)
        {
            var pending = new Stack<Type>(optionsTypes);
            while (pending.TryPop(out var type))
            {
                if (Held.ContainsKey(type))
                {
                    continue;
                }

                var properties = type.GetRuntimeProperties().ToArray();
                Held[type] = properties;
                foreach (var nested in properties.SelectMany(p => NestedOptions(p.PropertyType)))
                {
                    pending.Push(nested);
                }
            }
        }
    }

    /// <summary>Options types inside a property's type: itself, or those in its type arguments (lists, dictionaries, AnyOf).</summary>
    private static IEnumerable<Type> NestedOptions(Type type) =>
        typeof(INestedOptions).IsAssignableFrom(type) && !type.IsInterface ? [type]
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(NestedOptions)
        : type.IsArray ? NestedOptions(type.GetElementType()!)
        : [];
}
