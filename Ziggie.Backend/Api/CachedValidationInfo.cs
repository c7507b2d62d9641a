using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Validation;

namespace Ziggie.Backend.Api;

// The resolver interface is marked experimental (ASP0029); AddValidation() itself is built on it.
#pragma warning disable ASP0029

/// <summary>
/// Remembers what each validation resolver says about a type. The resolver that <c>AddValidation()</c> generates
/// builds a new description of a body type (its properties, their attributes, the types it implements) every time a
/// request is validated: about 1 KB and a walk of the type per generate call (Ziggie.Bench's allocation profile).
/// The descriptions do not change while the process runs. Each resolver keeps its own answers, "not mine" included,
/// so the order in which <see cref="ValidationOptions"/> asks them still decides.
/// </summary>
public sealed class CachedValidationInfo(IValidatableInfoResolver inner) : IValidatableInfoResolver
{
    private readonly ConcurrentDictionary<Type, IValidatableInfo?> _types = new();

    /// <summary>The resolver whose answers this one keeps.</summary>
    public IValidatableInfoResolver Inner => inner;

    public bool TryGetValidatableTypeInfo(Type type, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        validatableInfo = _types.GetOrAdd(type, static (t, resolver) => resolver.TryGetValidatableTypeInfo(t, out var found) ? found : null, inner);
        return validatableInfo is not null;
    }

    // Asked once per endpoint parameter, when the endpoint is built.
    public bool TryGetValidatableParameterInfo(ParameterInfo parameterInfo, [NotNullWhen(true)] out IValidatableInfo? validatableInfo) =>
        inner.TryGetValidatableParameterInfo(parameterInfo, out validatableInfo);

    /// <summary>Wraps every resolver <c>AddValidation()</c> registered (run it as a post-configure step).</summary>
    public static void WrapResolvers(ValidationOptions options)
    {
        for (var i = 0; i < options.Resolvers.Count; i++)
        {
            if (options.Resolvers[i] is not CachedValidationInfo) options.Resolvers[i] = new CachedValidationInfo(options.Resolvers[i]);
        }
    }
}
