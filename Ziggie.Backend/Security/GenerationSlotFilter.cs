using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Security;

/// <summary>Applies <see cref="GenerationSlots"/> to an endpoint: 429 with what to do when the user is at the limit.</summary>
public sealed class GenerationSlotFilter(GenerationSlots slots) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var slot = await slots.TryTakeAsync(context.HttpContext.Caller().Id);
        if (slot is null)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many answers at once",
                detail: $"You have {slots.Limit} answers running already ({GenerationSlots.Setting}). Wait for one to finish or stop it, then try again.");
        }

        // The slot is held until the handler has finished writing, streamed answers included.
        return await next(context);
    }
}
