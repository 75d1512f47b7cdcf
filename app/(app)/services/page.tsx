import type { Metadata } from "next";
import { CatalogEmpty, CatalogLine, CatalogProblems } from "@/components/services/catalog-status";
import { CatalogReloadButton } from "@/components/services/catalog-reload-button";
import { FleetMap } from "@/components/services/fleet-map";
import { ServicesTable } from "@/components/services/services-table";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getServiceMap, listServicePage } from "@/lib/services/list-page";
import { getCatalogInfo } from "@/lib/services/queries";
import { pageQueryFrom } from "@/lib/services/service-filter";

export const metadata: Metadata = { title: "Services" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const query = pageQueryFrom(await searchParams);
  const [page, map, catalog] = await Promise.all([listServicePage(query), getServiceMap(), getCatalogInfo()]);
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
      {page.total ? (
        <>
          <ServicesTable initial={page} canDeclare={hasRole(user.role, "responder")} />
          <FleetMap initial={map} />
        </>
      ) : (
        <CatalogEmpty file={catalog.file} />
      )}
    </>
  );
}
