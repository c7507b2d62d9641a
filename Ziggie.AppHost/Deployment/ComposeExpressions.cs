using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Evaluates the model's values (environment variables, arguments, connection strings) as a compose file must
/// say them: endpoints by service name and in-network port (<c>http://ollama:11434</c>), parameters as
/// <c>${VARIABLE}</c> read from <c>.env</c>, so no secret is ever written into the compose file.
/// </summary>
internal sealed class ComposeExpressions(ComposeTopology topology)
{
    private readonly OrderedDictionary<ParameterResource, ParameterUse> _uses = [];

    /// <summary>
    /// The parameters met so far, in order, with the services that read them. Some are in no list of the model:
    /// a generated default password is a parameter only its resource knows.
    /// </summary>
    public IReadOnlyDictionary<ParameterResource, ParameterUse> Uses => _uses;

    /// <summary>
    /// The value as compose must write it, or <see langword="null"/> when it names an endpoint the compose project
    /// leaves out on purpose (a project's https endpoint).
    /// </summary>
    /// <param name="value">A value of the model: a string, a parameter, an endpoint, a connection string, an expression.</param>
    /// <param name="service">The service that reads the value.</param>
    /// <exception cref="DistributedApplicationException">The value is of a kind compose cannot express.</exception>
    /// <exception cref="ComposeValueException">The value names an endpoint no service serves.</exception>
    public string? Evaluate(object? value, string service) => value switch
    {
        null => null,
        string literal => ComposeNames.Literal(literal),
        ParameterResource parameter => Variable(parameter, service),
        ConnectionStringReference reference => Evaluate(reference.ConnectionStringExpression, service),
        IResourceWithConnectionString resource => Evaluate(resource.ConnectionStringExpression, service),
        ReferenceExpression expression => Format(expression, service),
        EndpointReference endpoint => Endpoint(endpoint, EndpointProperty.Url),
        EndpointReferenceExpression property => Endpoint(property.Endpoint, property.Property),
        _ => throw new DistributedApplicationException(
            $"The compose export cannot express a {value.GetType().Name} ('{(value as IManifestExpressionProvider)?.ValueExpression ?? value}') " +
            $"used by '{service}'. Teach Ziggie.AppHost/Deployment/ComposeExpressions.cs this kind of value."),
    };

    private string Variable(ParameterResource parameter, string service)
    {
        if (!_uses.TryGetValue(parameter, out var use)) _uses[parameter] = use = new ParameterUse();
        use.Services.Add(service);
        // ${VAR:?message}: compose refuses to start without the value (no .env, or a line missing from it) instead
        // of starting MongoDB with a blank password. Its message is all compose prints, so it names the variable.
        var variable = ComposeNames.Variable(parameter.Name);
        return $"${{{variable}:?{variable} is not set: run compose with --env-file .env in the export folder (docs/deployment.md)}}";
    }

    private string? Format(ReferenceExpression expression, string service)
    {
        if (expression.IsConditional)
        {
            var condition = Evaluate(expression.Condition, service);
            if (condition is null || condition.Contains("${", StringComparison.Ordinal))
            {
                throw new DistributedApplicationException(
                    $"'{expression.ValueExpression}' of '{service}' depends on a value known only at deployment; compose cannot choose between its branches.");
            }

            var branch = string.Equals(condition, expression.MatchValue, StringComparison.OrdinalIgnoreCase) ? expression.WhenTrue : expression.WhenFalse;
            return Evaluate(branch, service);
        }

        var values = new object?[expression.ValueProviders.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var provider = expression.ValueProviders[i];
            var value = Evaluate(provider, service) ?? throw new DistributedApplicationException(
                $"'{expression.ValueExpression}' of '{service}' names an endpoint the compose project does not serve.");
            values[i] = ApplyFormat(value, expression.StringFormats[i], provider);
        }

        return string.Format(CultureInfo.InvariantCulture, ComposeNames.Literal(expression.Format), values);
    }

    // "uri" escapes a value placed inside a URI. A ${VARIABLE} is escaped by nobody at deployment, so the
    // parameter is marked and .env.example tells which characters its value may hold.
    private string ApplyFormat(string value, string? format, IValueProvider provider)
    {
        switch (format)
        {
            case null:
                return value;
            case "uri" when provider is ParameterResource parameter:
                _uses[parameter].InUri = true;
                return value;
            case "uri" when !value.Contains("${", StringComparison.Ordinal):
                return Uri.EscapeDataString(value);
            default:
                throw new DistributedApplicationException($"The compose export cannot apply the format '{format}' to '{value}'.");
        }
    }

    private string? Endpoint(EndpointReference reference, EndpointProperty property)
    {
        if (topology.Resolve(reference) is not { } endpoint)
        {
            if (topology.IsLeftOutOnPurpose(reference)) return null;
            throw new ComposeValueException(
                $"names the endpoint '{reference.EndpointName}' of '{reference.Resource.Name}', which no service of the compose project serves");
        }

        if (!topology.TryGetTargetPort(endpoint, out var port) || topology.ServiceOf(reference.Resource) is not { } host)
        {
            throw new ComposeValueException($"names the endpoint '{reference.EndpointName}' of '{reference.Resource.Name}', whose service has no port for it");
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            EndpointProperty.Url => $"{endpoint.UriScheme}://{host}:{portText}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => portText,
            EndpointProperty.HostAndPort => $"{host}:{portText}",
            EndpointProperty.Scheme => endpoint.UriScheme,
            EndpointProperty.TlsEnabled => endpoint.UriScheme == "https" ? "true" : "false",
            _ => throw new ComposeValueException($"uses the endpoint property {property} of '{host}', which the compose export cannot express"),
        };
    }
}

/// <summary>How the compose project uses one parameter.</summary>
internal sealed class ParameterUse
{
    public SortedSet<string> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The value is placed inside a URI (a connection string's password), unescaped.</summary>
    public bool InUri { get; set; }
}
