"""Template context every page needs: the network's name and the viewer's roles."""

from verbund.network.queries import get_network, roles_of


def verbund(request):
    return {"network_name": get_network().name, "roles": roles_of(request.user)}
