import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const me = await requirePageUser("admin");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to Sitrep, and what their role lets them do." />
      <AdminTabs current="users" />
      <div className="flex flex-col gap-6">
        <CreateUserForm />
        <UsersTable users={users} currentUserId={me.id} />
      </div>
    </>
  );
}
