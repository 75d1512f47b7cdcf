import type { Metadata } from "next";
import { CatalogEmpty, CatalogLine, CatalogProblems } from "@/components/services/catalog-status";
import { CatalogReloadButton } from "@/components/services/catalog-reload-button";
import { FleetMap } from "@/components/services/fleet-map";
import { ServicesTable } from "@/components/services/services-table";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listServices } from "@/lib/services/queries";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const user = await requirePageUser();
  const { services, catalog } = await listServices();
  return (
    <>
      <PageHeader title="Services" description="Live health of every service in the catalog, worst first." />
      {hasRole(user.role, "admin") ? (
        <CatalogReloadButton>
          <CatalogLine catalog={catalog} className="" />
        </CatalogReloadButton>
      ) : (
        <CatalogLine catalog={catalog} />
      )}
      <CatalogProblems problems={catalog.problems} />
      {services.length ? (
        <>
          <ServicesTable initial={services} canDeclare={hasRole(user.role, "responder")} />
          <FleetMap initial={services} />
        </>
      ) : (
        <CatalogEmpty file={catalog.file} />
      )}
    </>
  );
}
