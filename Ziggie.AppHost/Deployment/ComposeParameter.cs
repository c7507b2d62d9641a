using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>One parameter of the model as a <c>.env</c> variable.</summary>
internal sealed record ComposeParameter(
    string Name, string Variable, bool Secret, GenerateParameterDefault? Generate, string? DefaultValue, string? Description,
    IReadOnlyCollection<string> UsedBy, bool InUri)
{
    // A secret the model does not say how to generate still gets a strong value: letters and digits, safe in URIs.
    private static readonly GenerateParameterDefault FallbackSecret = new() { MinLength = 32, Special = false };

    public static ComposeParameter From(ParameterResource parameter, ParameterUse? use) => new(
        parameter.Name,
        ComposeNames.Variable(parameter.Name),
        parameter.Secret,
        parameter.Default as GenerateParameterDefault,
        parameter.Default is { } value and not GenerateParameterDefault ? value.GetDefaultValue() : null,
        parameter.Description,
        use?.Services ?? [],
        use?.InUri ?? false);

    /// <summary>The value a new <c>.env</c> gets: a fresh secret, the model's default, or nothing to fill in by hand.</summary>
    public string? InitialValue() => (Secret ? Generate ?? FallbackSecret : Generate) is { } generate
        ? UriSafe(generate).GetDefaultValue()
        : DefaultValue;

    // Nobody escapes a ${VARIABLE} inside a connection string, so a generated value placed there has no symbols.
    private GenerateParameterDefault UriSafe(GenerateParameterDefault g) => !InUri || !g.Special ? g : new()
    {
        MinLength = g.MinLength,
        Lower = g.Lower,
        Upper = g.Upper,
        Numeric = g.Numeric,
        Special = false,
        MinLower = g.MinLower,
        MinUpper = g.MinUpper,
        MinNumeric = g.MinNumeric,
    };

    /// <summary>What <c>.env.example</c> says about the variable.</summary>
    public IEnumerable<string> Comments()
    {
        yield return $"{Name}: {(Secret ? "secret" : "setting")}{Description switch { null or "" => "", var d => ": " + d.TrimEnd('.') }}.";
        if (Generate is { } g)
        {
            yield return $"A new .env gets a generated value: {g.MinLength}+ characters of {CharacterClasses(g)}.";
        }
        else if (Secret)
        {
            yield return $"A new .env gets a generated value: {FallbackSecret.MinLength} letters and digits.";
        }

        yield return UsedBy.Count == 0 ? "Read by no service." : $"Read by: {string.Join(", ", UsedBy)}.";
        if (InUri) yield return "Placed inside a URI unescaped: use only letters, digits and - . _ ~";
    }

    private static string CharacterClasses(GenerateParameterDefault g) => string.Join(", ", new[]
    {
        g.Lower ? "lower case" : null, g.Upper ? "upper case" : null, g.Numeric ? "digits" : null, g.Special ? "symbols" : null,
    }.OfType<string>());
}
