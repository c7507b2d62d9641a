using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Ziggie.Backend.Auth;

/// <summary>
/// A 403 from a role policy says which role the route needs, which one the caller has, and who can change it, instead of
/// a bare "Forbidden": the front end and old clients show <c>detail</c>, and the doors put it in their own error shape.
/// </summary>
public static class RoleRefusals
{
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status403Forbidden || context.ProblemDetails.Detail is not null) return;

        var http = context.HttpContext;
        var policies = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToHashSet() ?? [];
        var needed = policies.Contains(Policies.Admin) ? "the admin role"
            : policies.Contains(Policies.Writer) ? "the user or admin role: readonly accounts may read, never generate or change anything"
            : null;
        if (needed is null) return;

        var role = http.User.FindFirstValue(CurrentUser.RoleClaim) ?? "none";
        context.ProblemDetails.Detail =
            $"This needs {needed}. You are signed in with the role '{role}'; an admin can change it (PUT /api/auth/users/{{id}} with \"role\").";
    }
}
