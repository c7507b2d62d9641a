using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Ziggie.Backend.Auth.Keys;

namespace Ziggie.Backend.Auth;

/// <summary>
/// Who may call a route, as one requirement of every policy (<see cref="Policies"/>): signed in, holding one of
/// <see cref="Roles"/> (any role when none is named), and with an API key only where <see cref="KeyScope"/> allows keys.
/// One requirement and one handler instead of the framework's sign-in and role requirements plus a key-scope one: each
/// handler walked the requirements again and read the claims again, on every signed-in request (Ziggie.Bench measured it).
/// A caller who is not signed in leaves it unmet, so the answer is a 401 challenge; a signed-in one it refuses gets a 403.
/// </summary>
public sealed class Access(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public sealed class Handler : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context)
        {
            // By index: a foreach over the interface would allocate an enumerator per request. The policy's own list
            // always is one; anything else is copied once.
            var requirements = context.Requirements as IReadOnlyList<IAuthorizationRequirement> ?? [.. context.Requirements];
            for (var i = 0; i < requirements.Count; i++)
            {
                if (requirements[i] is Access access) Check(context, access, this);
            }

            return Task.CompletedTask;
        }

        private static void Check(AuthorizationHandlerContext context, Access access, IAuthorizationHandler handler)
        {
            var user = context.User;
            if (!IsSignedIn(user)) return;

            var http = context.Resource as HttpContext;
            var caller = http?.CallerIn(user);
            if (access.Roles.Count > 0 && !HasRole(user, caller, access.Roles)) return;

            var isKey = caller is not null ? caller.KeyId is not null : KeyScope.IsKey(user);
            if (isKey && (http is null || !KeyScope.Allows(http.Request.Path)))
            {
                if (http is not null) KeyScope.Refused(http);
                context.Fail(new AuthorizationFailureReason(handler, KeyScope.Reason));
                return;
            }

            context.Succeed(access);
        }

        private static bool IsSignedIn(ClaimsPrincipal user)
        {
            foreach (var identity in user.Identities)
            {
                if (identity.IsAuthenticated) return true;
            }

            return false;
        }

        private static bool HasRole(ClaimsPrincipal user, CurrentUser? caller, IReadOnlyList<string> roles)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (caller is not null ? caller.Role == roles[i] : user.IsInRole(roles[i])) return true;
            }

            return false;
        }
    }
}
