using System.Text.Json;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// The rules azd applies when it maps a manifest resource's bindings to an Azure Container Apps ingress, restated
/// from azd's source: Azure/azure-dev, cli/azd/pkg/apphost/aca_ingress.go (buildAcaIngress: validateBindings,
/// groupBindingsByPort, validateExternalBindings, httpIngress, pickIngress). azd fails <c>azd up</c> with the
/// messages below; this says the same of a manifest without needing azd.
/// </summary>
public static class AzdIngressRules
{
    private sealed record Binding(string Name, int Order, string Scheme, int? Port, int? TargetPort, bool External);

    /// <summary>What azd would reject in one resource's <c>bindings</c>; empty when it maps them.</summary>
    public static IReadOnlyList<string> Violations(string resource, JsonElement bindings)
    {
        var list = bindings.EnumerateObject().Select((b, i) => new Binding(
            b.Name, i, b.Value.GetProperty("scheme").GetString()!,
            b.Value.TryGetProperty("port", out var port) ? port.GetInt32() : null,
            b.Value.TryGetProperty("targetPort", out var target) ? target.GetInt32() : null,
            b.Value.TryGetProperty("external", out var external) && external.GetBoolean())).ToList();
        var errors = new List<string>();

        // validateBindings: only tcp, http and https; a tcp binding needs a container port.
        foreach (var b in list)
        {
            if (b.Scheme is not ("tcp" or "http" or "https")) errors.Add($"{resource}: binding {b.Name} has invalid scheme {b.Scheme}");
            if (b.Scheme == "tcp" && b.TargetPort is null) errors.Add($"{resource}: binding {b.Name} has scheme tcp but no container port");
        }

        if (errors.Count > 0 || list.Count == 0) return errors;

        // groupBindingsByPort: one ingress port per target port; bindings without one share the "default" group.
        var groups = list.GroupBy(b => b.TargetPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default")
            .Select(g => (Key: g.Key, Bindings: g.ToList(), External: g.Any(b => b.External), HttpOnly: g.All(b => b.Scheme is "http" or "https")))
            .ToList();

        // validateExternalBindings: at most one external group, and only http(s).
        if (groups.Any(g => g.External && !g.HttpOnly)) errors.Add($"{resource}: External non-HTTP(s) endpoints are not supported");
        if (groups.Count(g => g.External) > 1) errors.Add($"{resource}: Multiple external endpoints are not supported");
        if (errors.Count > 0) return errors;

        // httpIngress: the only http group; else the only external one; else the one holding the first http binding.
        var http = groups.Where(g => g.HttpOnly).ToList();
        var main = http.Count == 1 ? http[0]
            : http.Count(g => g.External) == 1 ? http.Single(g => g.External)
            : http.OrderBy(g => g.Bindings.Min(b => b.Order)).FirstOrDefault();

        // pickIngress: the main ingress serves http on 80 and https on 443 only.
        foreach (var b in main.Bindings ?? [])
        {
            if (b.Scheme == "http" && b.Port is { } p && p != 80)
            {
                errors.Add($"{resource}: Binding {b.Name} can't be mapped to main ingress because it has port {p} defined. main ingress only supports port 80 for http scheme.");
            }

            if (b.Scheme == "https" && b.Port is { } q && q != 443)
            {
                errors.Add($"{resource}: Binding {b.Name} can't be mapped to main ingress because it has port {q} defined. main ingress only supports port 443 for https scheme.");
            }
        }

        return errors;
    }
}
